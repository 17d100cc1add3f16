import Foundation

/// The username and password an SMTP server asks for before it relays mail (RFC 4954 AUTH).
///
/// Printing it never shows the password, so a transport can be logged as it is:
/// ```swift
/// let credentials = SMTPCredentials(username: "shop@kubki.example", password: "s3cret")
/// print(credentials)  // shop@kubki.example (password hidden)
/// ```
public struct SMTPCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "\(username) (password hidden)" }
    public var debugDescription: String { description }
}

extension SMTPCredentials {
    /// The AUTH command for the best mechanism among `offered` (the EHLO `AUTH` parameters) and the
    /// answers to the server's `334` challenges, in order; `nil` when no mechanism Parley speaks is offered.
    ///
    /// PLAIN goes first: one round trip, with the credentials as its initial response (RFC 4616).
    /// LOGIN is the older, undocumented mechanism many relays still offer alone; its two challenges
    /// always ask for the username, then the password.
    func authentication(offered: String) -> (command: String, answers: [String])? {
        let mechanisms = Set(offered.uppercased().split(separator: " "))
        if mechanisms.contains("PLAIN") {
            return ("AUTH PLAIN " + Self.base64(Array("\0\(username)\0\(password)".utf8)), [])
        }
        if mechanisms.contains("LOGIN") {
            return ("AUTH LOGIN", [Self.base64(Array(username.utf8)), Self.base64(Array(password.utf8))])
        }
        return nil
    }

    private static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}

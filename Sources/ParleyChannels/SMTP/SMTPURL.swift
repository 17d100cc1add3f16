import Foundation
import ParleyCore

extension SMTPTransport {
    /// The server a URL names: `smtp://host:port` (port 25, STARTTLS when offered) or
    /// `smtps://host:port` (port 465, TLS from the first byte), with an optional percent-encoded
    /// `user:password@` and the options `tls=none|opportunistic|required` and `ca=/path/to/ca.pem`.
    /// ```swift
    /// try SMTPTransport(url: "smtp://shop%40kubki.example:s3cret@relay.example.com:587?ca=/etc/parley/relay-ca.pem")
    /// ```
    /// With a password TLS is required unless the URL says otherwise, and no error repeats the password.
    public init(url: String) throws(TransportError) {
        let expected = "expected smtp://user:password@host:port or smtps://user:password@host:port"
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw .permanent("the SMTP URL is not a URL; \(expected), with @ : / # % in the user or password percent-encoded")
        }
        guard scheme == "smtp" || scheme == "smtps" else { throw .permanent("the SMTP URL starts with \(scheme)://; \(expected)") }
        guard var host = components.host, !host.isEmpty else { throw .permanent("the SMTP URL names no host; \(expected)") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if let port = components.port, !(1...65_535).contains(port) {
            throw .permanent("the SMTP URL's port \(port) is not between 1 and 65535")
        }
        var tls: TLSMode? = scheme == "smtps" ? .implicit : nil
        var trustedCAFile: String?
        for item in components.queryItems ?? [] {
            switch (item.name, item.value ?? "") {
            case ("tls", _) where scheme == "smtps":
                throw .permanent("smtps:// always starts with TLS, so tls= does not apply; use smtp:// for STARTTLS")
            case ("tls", let value):
                guard let mode = TLSMode(rawValue: value), mode != .implicit else {
                    throw .permanent("tls=\(value) in the SMTP URL; expected none, opportunistic or required (smtps:// for implicit TLS)")
                }
                tls = mode
            case ("ca", let path) where !path.isEmpty:
                trustedCAFile = path
            default:
                throw .permanent(
                    "unknown option \(item.name) in the SMTP URL; expected tls=none|opportunistic|required or ca=/path/to/ca.pem")
            }
        }
        var credentials: SMTPCredentials?
        switch (components.user ?? "", components.password) {
        case ("", nil): break
        case ("", _?): throw .permanent("the SMTP URL has a password but no user")
        case (let user, nil): throw .permanent("the SMTP URL names the user \(user) but no password")
        case (let user, let password?): credentials = SMTPCredentials(username: user, password: password)
        }
        self.init(host: host, port: components.port, tls: tls, credentials: credentials, trustedCAFile: trustedCAFile)
    }
}

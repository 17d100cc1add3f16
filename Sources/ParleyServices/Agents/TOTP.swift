import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP): six digits from HMAC-SHA1 of the
/// 30-second step, as Google Authenticator, Aegis, 1Password and every other authenticator app make them.
///
/// ```swift
/// let totp = TOTP(secret: Array("12345678901234567890".utf8))
/// totp.code(at: Date(timeIntervalSince1970: 59)) // "287082", RFC 6238's first test vector
/// ```
struct TOTP {
    static let period: TimeInterval = 30
    static let digits = 6
    let secret: [UInt8]

    /// The step `date` falls in.
    static func step(at date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / period).rounded(.down))
    }

    /// The code for `step`.
    func code(step: Int64) -> String {
        let counter = withUnsafeBytes(of: UInt64(bitPattern: step).bigEndian) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: counter, using: SymmetricKey(data: secret)))
        // RFC 4226 §5.3: dynamic truncation.
        let offset = Int(mac[mac.count - 1] & 0x0F)
        let binary =
            (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
            | UInt32(mac[offset + 3])
        let text = String(binary % 1_000_000)
        return String(repeating: "0", count: Self.digits - text.count) + text
    }

    func code(at date: Date) -> String { code(step: Self.step(at: date)) }

    /// The step whose code `presented` is, within one step either way of `date` (clocks drift and
    /// people type slowly), compared in constant time; nil when it is none of them.
    func matchingStep(_ presented: String, at date: Date) -> Int64? {
        let typed = Array(presented.filter { !$0.isWhitespace }.utf8)
        let now = Self.step(at: date)
        var found: Int64?
        for step in [now - 1, now, now + 1] {
            let expected = Array(code(step: step).utf8)
            guard typed.count == expected.count else { continue }
            if zip(typed, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 { found = step }
        }
        return found
    }

    /// What an authenticator app reads from a QR code or a tapped link.
    static func provisioningURI(secret: [UInt8], account: String, issuer: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~@"))
        let label = "\(issuer):\(account)".addingPercentEncoding(withAllowedCharacters: allowed) ?? account
        let issuerText = issuer.addingPercentEncoding(withAllowedCharacters: allowed) ?? issuer
        return "otpauth://totp/\(label)?secret=\(Base32.encode(secret))&issuer=\(issuerText)&algorithm=SHA1&digits=6&period=30"
    }
}

import Crypto
import Foundation

/// The HMAC-SHA256 that signs the generic webhook and derives Kannel's callback token, checked in
/// constant time by `HMAC.isValidAuthenticationCode`.
enum SMSSignature {
    /// Lowercase hex of HMAC-SHA256(`secret`, `message`).
    static func hexSHA256(secret: String, _ message: some DataProtocol) -> String {
        Hex.encode(HMAC<SHA256>.authenticationCode(for: message, using: key(secret)))
    }

    /// Whether `hex` is HMAC-SHA256(`secret`, `message`).
    static func isValidHexSHA256(_ hex: String, secret: String, _ message: some DataProtocol) -> Bool {
        guard let mac = Hex.decode(hex) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: message, using: key(secret))
    }

    static func key(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: Array(secret.utf8))
    }
}

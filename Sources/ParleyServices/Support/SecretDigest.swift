import Crypto
import Foundation

/// The stored form of a high-entropy secret (API key, session token): its SHA-256 in hex.
///
/// A fast hash is right here: the secrets are random 128-bit-plus tokens, so unlike passwords
/// they cannot be guessed from a dictionary, and every request must be checked quickly.
enum SecretDigest {
    static func hex(_ secret: String) -> String {
        hex(Data(secret.utf8))
    }

    static func hex(_ bytes: Data) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }
}

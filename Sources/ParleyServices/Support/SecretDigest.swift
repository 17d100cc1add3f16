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
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ digest: SHA256.Digest) -> String {
        // Every API request and widget connection hashes a secret; `String(format:)` per byte cost more than the hash.
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in digest {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

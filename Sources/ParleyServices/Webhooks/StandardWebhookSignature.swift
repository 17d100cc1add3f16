import Crypto
import Foundation

/// Signs deliveries as Standard Webhooks (standardwebhooks.com) asks, so that a receiver can check
/// them with any of its libraries: `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
/// the key being the base64 after `whsec_` in the secret.
public enum StandardWebhookSignature {
    static let prefix = "whsec_"

    /// A new secret: `whsec_` and 32 random bytes in base64.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
    }

    /// The `webhook-signature` value: one `v1,…` signature per secret, separated by spaces, so a
    /// receiver that knows either secret accepts the delivery during a rotation.
    public static func header(id: String, timestamp: Int64, body: [UInt8], secrets: [String]) -> String {
        secrets.map { "v1," + signature(id: id, timestamp: timestamp, body: body, secret: $0) }.joined(separator: " ")
    }

    static func signature(id: String, timestamp: Int64, body: [UInt8], secret: String) -> String {
        var signed = Array("\(id).\(timestamp).".utf8)
        signed.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key(secret)))
        return Data(mac).base64EncodedString()
    }

    /// The key in `secret`; a secret not in the `whsec_` form (given by hand) is its own bytes.
    static func key(_ secret: String) -> Data {
        guard secret.hasPrefix(prefix), let key = Data(base64Encoded: String(secret.dropFirst(prefix.count))) else {
            return Data(secret.utf8)
        }
        return key
    }
}

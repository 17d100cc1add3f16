import Foundation

/// Something that signs what it sends with a secret that can be replaced: after a rotation the
/// previous secret signs beside the new one for a while, so the receiver can switch without losing
/// a delivery. Outgoing webhooks and API channels are.
public protocol RotatingSecret {
    /// `whsec_` and the base64 of the key (Standard Webhooks). Kept as given, since it signs.
    var secret: String { get set }
    var previousSecret: String? { get set }
    var previousSecretExpiresAt: Date? { get set }
}

extension RotatingSecret {
    /// The secrets a delivery at `now` is signed with: the current one, and the previous during its grace.
    public func signingSecrets(at now: Date) -> [String] {
        guard let previousSecret, let expiry = previousSecretExpiresAt, expiry > now else { return [secret] }
        return [secret, previousSecret]
    }

    /// Signs with `newSecret` from `now` on; the current secret keeps signing beside it for `grace`.
    public mutating func rotate(to newSecret: String, at now: Date, grace: TimeInterval) {
        previousSecret = secret
        previousSecretExpiresAt = now.addingTimeInterval(grace)
        secret = newSecret
    }
}

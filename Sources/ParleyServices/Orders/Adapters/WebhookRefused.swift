/// A correctly signed delivery whose unsigned headers claim what its signed body does not say.
///
/// Platforms sign the body only, so the topic header of a captured delivery can be changed at will:
/// an `orders/create` body re-sent as `orders/cancelled` must not cancel the order. Refusals are
/// answered 422 (the platform stops retrying after a while) and written to the shop's audit log.
public struct WebhookRefused: Error, Equatable, Sendable, CustomStringConvertible {
    public let topic: String
    /// Why the body does not fit the topic, in words an admin can act on.
    public let reason: String

    public init(topic: String, reason: String) {
        self.topic = topic
        self.reason = reason
    }

    public var description: String { "the signed body does not describe \(topic): \(reason)" }
}

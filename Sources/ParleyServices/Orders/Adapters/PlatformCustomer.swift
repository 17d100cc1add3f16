import Foundation
import ParleyCore

/// A customer as the shop's platform announced them: who, and the marketing consent the platform
/// holds for them. A platform's "never asked" is no decision; only subscribed and unsubscribed are.
public struct PlatformCustomer: Sendable, Equatable {
    public var customer: OrderCustomer
    public var email: Consent.Status?
    public var sms: Consent.Status?
    /// The platform confirmed the address itself (its own double opt-in).
    public var confirmed: Bool
}

/// A platform's customer webhooks (`customers/create`, `customers/update` on Shopify), besides its orders.
public protocol CustomerWebhookAdapter: OrderWebhookAdapter {
    /// The customer a delivery of `topic` describes; nil for another topic or one with no address to reach them by.
    func customer(topic: String, body: Data) throws -> PlatformCustomer?
}

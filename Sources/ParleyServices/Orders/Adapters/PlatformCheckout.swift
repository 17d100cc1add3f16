import Foundation
import ParleyCore

/// A checkout a customer began or changed on the shop's platform, read from its webhook: who, what
/// the cart held, and the link back to it. An abandoned-cart reminder starts from here.
public struct PlatformCheckout: Sendable, Equatable {
    /// The platform's id of the checkout.
    public var token: String
    public var customer: OrderCustomer
    public var event: CustomerEventInput
    /// When the checkout last changed: each change is one snapshot, stored once.
    public var updatedAt: Date
}

/// A platform's checkout webhooks (`checkouts/create`, `checkouts/update` on Shopify), besides its orders.
public protocol CheckoutWebhookAdapter: OrderWebhookAdapter {
    /// The checkout a delivery of `topic` describes; nil for another topic, a completed checkout (its
    /// order arrives by itself), or one without an address or number to reach its buyer by.
    func checkout(topic: String, body: Data, receivedAt: Date) throws -> PlatformCheckout?
}

import Foundation

/// Something that happened to an order on the shop's platform, in Parley's words: what every adapter
/// (Shopify, WooCommerce, the REST API) turns its own payload into.
public struct OrderEvent: Sendable, Equatable {
    /// Where the event came from; with `eventID` it makes a replayed delivery recognisable.
    public var source: String
    /// The platform's id of this delivery (`X-Shopify-Webhook-Id`), when it has one.
    public var eventID: String?
    /// The platform's id of the order, written `platform:id` (`shopify:450789469`).
    public var externalOrderID: String
    /// The number the customer knows (`#1001`); nil in events that only name the order (a fulfillment).
    public var number: String?
    public var stage: OrderStage
    public var occurredAt: Date
    public var customer: OrderCustomer
    /// ISO 4217; nil, like `number`, in events that only name the order.
    public var currency: String?
    public var totalMinor: Int64?
    public var items: [OrderItem]
    public var shipment: Shipment?
    /// The postcode of the shipping address; nil in events that do not carry the address.
    public var shippingPostcode: String?

    public init(
        source: String, eventID: String?, externalOrderID: String, number: String?, stage: OrderStage, occurredAt: Date,
        customer: OrderCustomer, currency: String?, totalMinor: Int64?, items: [OrderItem], shipment: Shipment?,
        shippingPostcode: String? = nil
    ) {
        self.source = source
        self.eventID = eventID
        self.externalOrderID = externalOrderID
        self.number = number
        self.stage = stage
        self.occurredAt = occurredAt
        self.customer = customer
        self.currency = currency
        self.totalMinor = totalMinor
        self.items = items
        self.shipment = shipment
        self.shippingPostcode = shippingPostcode
    }
}

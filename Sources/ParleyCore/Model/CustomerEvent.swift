import Foundation

/// Something a customer did: a page or a product they looked at, what their cart held, a search, a
/// checkout they started. Recorded by the widget after the visitor consented, posted by the shop
/// (`POST /api/v1/customer-events`), or read from a platform's checkout webhooks.
///
/// A widget event belongs to the browser's visitor first; once that visitor becomes a customer (they
/// chat, or the shop signs them in) it shows for the customer too, including what they did before.
/// An event from the API or a platform names its customer and has no visitor.
@dynamicMemberLookup
public struct CustomerEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case page, product, cart, search, checkout
    }

    /// A product in a cart snapshot.
    public struct CartItem: Sendable, Equatable, Codable {
        public var id: String?
        public var name: String?
        public var quantity: Int
        /// A decimal amount as the shop wrote it, `"49.00"`.
        public var price: String?

        public init(id: String?, name: String?, quantity: Int, price: String?) {
            self.id = id
            self.name = name
            self.quantity = quantity
            self.price = price
        }
    }

    /// What an event carries beyond its page: kept as one JSON text, so new fields need no migration.
    public struct Details: Sendable, Equatable, Codable {
        public var price: String?
        public var currency: String?
        public var image: String?
        public var items: [CartItem]?
        public var total: String?
        /// The platform's id of a checkout, to tell it was completed by an order.
        public var checkoutID: String?

        public init(
            price: String? = nil, currency: String? = nil, image: String? = nil, items: [CartItem]? = nil, total: String? = nil,
            checkoutID: String? = nil
        ) {
            self.price = price
            self.currency = currency
            self.image = image
            self.items = items
            self.total = total
            self.checkoutID = checkoutID
        }
    }

    public let id: Int64
    public let shopID: ShopID
    /// Nil for an event from the API or a platform.
    public let visitorID: Int64?
    public let customerID: Int64?
    /// Where it came from: `widget`, `api`, `shopify`.
    public let source: String
    /// What happened, as the widget reported it; its fields read as the event's own (`event.url`).
    public let recorded: NewCustomerEvent

    public init(id: Int64, shopID: ShopID, visitorID: Int64?, customerID: Int64?, source: String = "widget", recorded: NewCustomerEvent) {
        self.id = id
        self.shopID = shopID
        self.visitorID = visitorID
        self.customerID = customerID
        self.source = source
        self.recorded = recorded
    }

    public subscript<Value>(dynamicMember field: KeyPath<NewCustomerEvent, Value>) -> Value { recorded[keyPath: field] }
}

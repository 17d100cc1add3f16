import Foundation

/// Something a visitor did on the shop's own pages, recorded by the widget after they consented:
/// a page or a product they looked at, or what their cart held.
///
/// An event belongs to the browser's visitor first; once that visitor becomes a customer (they chat,
/// or the shop signs them in) it shows for the customer too, including what they did before.
@dynamicMemberLookup
public struct CustomerEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case page, product, cart
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

        public init(price: String? = nil, currency: String? = nil, image: String? = nil, items: [CartItem]? = nil, total: String? = nil) {
            self.price = price
            self.currency = currency
            self.image = image
            self.items = items
            self.total = total
        }
    }

    public let id: Int64
    public let shopID: ShopID
    public let visitorID: Int64
    public let customerID: Int64?
    /// What happened, as the widget reported it; its fields read as the event's own (`event.url`).
    public let recorded: NewCustomerEvent

    public init(id: Int64, shopID: ShopID, visitorID: Int64, customerID: Int64?, recorded: NewCustomerEvent) {
        self.id = id
        self.shopID = shopID
        self.visitorID = visitorID
        self.customerID = customerID
        self.recorded = recorded
    }

    public subscript<Value>(dynamicMember field: KeyPath<NewCustomerEvent, Value>) -> Value { recorded[keyPath: field] }
}

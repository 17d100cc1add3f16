import Foundation

/// The stages an order passes through, in the order a customer lives them.
public enum OrderStage: String, Sendable, CaseIterable, Codable, Comparable {
    case accepted
    case paid
    case packed
    /// Handed to the courier.
    case shipped
    case outForDelivery = "out_for_delivery"
    case delivered
    case cancelled
    case refunded

    /// The way forward, from placing to delivery; `cancelled` and `refunded` end it instead.
    public static let journey: [OrderStage] = [.accepted, .paid, .packed, .shipped, .outForDelivery, .delivered]

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: OrderStage, rhs: OrderStage) -> Bool { lhs.rank < rhs.rank }
}

/// An order a customer placed with the shop.
public struct Order: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let customerID: Int64
    /// The opaque id shown outside Parley (`ord_…`).
    public let publicID: String
    /// The platform's own id (`shopify:450789469`), when the order came from one.
    public var externalID: String?
    /// The number the customer sees (`#1001`).
    public var number: String
    public var stage: OrderStage
    /// ISO 4217 code.
    public var currency: String
    /// The total in the currency's minor unit (grosz, cent), so no rounding ever creeps in.
    public var totalMinor: Int64
    public var placedAt: Date
    public var updatedAt: Date
    /// The latest parcel details the platform sent.
    public var shipment: Shipment?
    /// The postcode of the shipping address, as the platform sent it.
    public var shippingPostcode: String?

    public init(
        id: Int64, shopID: ShopID, customerID: Int64, publicID: String, externalID: String?, number: String,
        stage: OrderStage, currency: String, totalMinor: Int64, placedAt: Date, updatedAt: Date, shipment: Shipment? = nil,
        shippingPostcode: String? = nil
    ) {
        self.id = id
        self.shopID = shopID
        self.customerID = customerID
        self.publicID = publicID
        self.externalID = externalID
        self.number = number
        self.stage = stage
        self.currency = currency
        self.totalMinor = totalMinor
        self.placedAt = placedAt
        self.updatedAt = updatedAt
        self.shipment = shipment
        self.shippingPostcode = shippingPostcode
    }
}

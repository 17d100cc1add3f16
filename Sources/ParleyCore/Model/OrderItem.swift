import Foundation

/// One line of an order.
public struct OrderItem: Sendable, Equatable, Codable {
    public var sku: String?
    public var name: String
    public var quantity: Int
    public var unitPriceMinor: Int64

    public init(sku: String?, name: String, quantity: Int, unitPriceMinor: Int64) {
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.unitPriceMinor = unitPriceMinor
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about orders.
public struct OrderRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Inserts an order; a second order with the same external id in the shop is a duplicate key.
    public func insert(
        shop: ShopID, customerID: Int64, publicID: String, externalID: String?, number: String, stage: OrderStage,
        currency: String, totalMinor: Int64, placedAt: Date, now: Date
    ) async throws -> Order {
        let row = try await sql.raw(
            """
            INSERT INTO orders (shop_id, customer_id, public_id, external_id, number, stage, currency, total_minor, placed_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: publicID), \(bind: externalID), \(bind: number),
                    \(bind: stage.rawValue), \(bind: currency), \(bind: totalMinor), \(bind: placedAt), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted order") }
        return Order(
            id: try row.value("id"), shopID: shop, customerID: customerID, publicID: publicID, externalID: externalID,
            number: number, stage: stage, currency: currency, totalMinor: totalMinor, placedAt: placedAt, updatedAt: now)
    }

    /// A customer's orders, newest first.
    public func list(shop: ShopID, customerID: Int64) async throws -> [Order] {
        try await sql.raw(
            """
            SELECT * FROM orders WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) ORDER BY placed_at DESC, id DESC
            """
        ).all().map { row in
            guard let stage = OrderStage(rawValue: try row.value("stage")) else {
                throw StoreError.undecodable(column: "stage", underlying: "unknown stage")
            }
            return Order(
                id: try row.value("id"), shopID: shop, customerID: customerID, publicID: try row.value("public_id"),
                externalID: try row.value("external_id"), number: try row.value("number"), stage: stage,
                currency: try row.value("currency"), totalMinor: try row.value("total_minor"),
                placedAt: try row.value("placed_at"), updatedAt: try row.value("updated_at"))
        }
    }
}

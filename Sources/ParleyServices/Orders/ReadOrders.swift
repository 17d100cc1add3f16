import Foundation
import ParleyCore
import ParleyStore

/// Reads orders for the API, the agent application and the tracking page.
public struct ReadOrders: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    /// The order with public id `publicID`, with its details.
    public func details(shop: ShopID, publicID: String) async throws -> OrderDetails {
        try await database.withConnection { sql in
            guard let shopRecord = try await ShopRepository(sql).find(id: shop),
                let order = try await OrderRepository(sql).find(shop: shop, publicID: publicID)
            else { throw OrderError.orderNotFound(publicID) }
            return try await Self.details(of: order, shop: shopRecord, on: sql)
        }
    }

    /// A page of the shop's orders in the order they came, with their details; with `updatedSince`,
    /// only those changed at or after it.
    public func list(shop: ShopID, updatedSince: Date? = nil, cursor: String?, limit: Int) async throws -> Page<OrderDetails> {
        try await Page.read(cursor: cursor, limit: limit, position: \.order.id) { after, count in
            try await database.withConnection { sql in
                guard let shopRecord = try await ShopRepository(sql).find(id: shop) else {
                    throw StoreError.missingRow("shop \(shop.rawValue)")
                }
                var page: [OrderDetails] = []
                for order in try await OrderRepository(sql).list(shop: shop, after: after, updatedSince: updatedSince, limit: count) {
                    page.append(try await Self.details(of: order, shop: shopRecord, on: sql))
                }
                return page
            }
        }
    }

    private static func details(of order: Order, shop: Shop, on sql: DatabaseSession) async throws -> OrderDetails {
        let orders = OrderRepository(sql)
        guard let customer = try await CustomerRepository(sql).find(shop: shop.id, id: order.customerID) else {
            throw OrderError.orderNotFound(order.publicID)
        }
        return OrderDetails(
            shop: shop, order: order, customerPublicID: customer.publicID, items: try await orders.items(shop: shop.id, orderID: order.id),
            history: try await orders.stageHistory(shop: shop.id, orderID: order.id),
            messages: try await MessageRepository(sql).list(shop: shop.id, orderID: order.id))
    }
}

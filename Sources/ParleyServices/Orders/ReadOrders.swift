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
            let orders = OrderRepository(sql)
            guard let shopRecord = try await ShopRepository(sql).find(id: shop),
                let order = try await orders.find(shop: shop, publicID: publicID),
                let customer = try await CustomerRepository(sql).find(shop: shop, id: order.customerID)
            else { throw OrderError.orderNotFound(publicID) }
            return OrderDetails(
                shop: shopRecord, order: order, customerPublicID: customer.publicID,
                items: try await orders.items(shop: shop, orderID: order.id),
                history: try await orders.stageHistory(shop: shop, orderID: order.id),
                messages: try await MessageRepository(sql).list(shop: shop, orderID: order.id))
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Reads customers and their timelines for the API and the agent application.
public struct ReadCustomers: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    /// The customer with public id `publicID`.
    public func customer(shop: ShopID, publicID: String) async throws -> Customer {
        let customer = try await database.withConnection { sql in try await CustomerRepository(sql).find(shop: shop, publicID: publicID) }
        guard let customer else { throw CustomerError.customerNotFound(publicID) }
        return customer
    }

    /// A page of customers in creation order.
    /// A page of the shop's customers in creation order; with `updatedSince`, only those changed since.
    public func list(shop: ShopID, updatedSince: Date? = nil, cursor: String?, limit: Int) async throws -> Page<Customer> {
        try await Page.read(cursor: cursor, limit: limit, position: \.id) { after, count in
            try await database.withConnection { sql in
                try await CustomerRepository(sql).list(shop: shop, after: after, updatedSince: updatedSince, limit: count)
            }
        }
    }

    /// A page of a customer's timeline, newest first.
    public func timeline(shop: ShopID, publicID: String, cursor: String?, limit: Int) async throws -> Page<TimelineEvent> {
        let before = try cursor.map { try Cursor.decode($0) }
        let size = try PageSize.checked(limit)
        let events: [TimelineEvent] = try await database.withConnection { sql in
            guard let customer = try await CustomerRepository(sql).find(shop: shop, publicID: publicID) else {
                throw CustomerError.customerNotFound(publicID)
            }
            return try await TimelineRepository(sql).list(shop: shop, customerID: customer.id, before: before, limit: size + 1)
        }
        return Page(fetched: events, limit: size, position: \.id)
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Finds a shop by its slug.
public struct FindShop: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    public func callAsFunction(slug: String) async throws -> Shop {
        let shop = try await database.withConnection { sql in try await ShopRepository(sql).find(slug: slug) }
        guard let shop else { throw ShopError.shopNotFound(slug) }
        return shop
    }

    public func callAsFunction(id: ShopID) async throws -> Shop {
        let shop = try await database.withConnection { sql in try await ShopRepository(sql).find(id: id) }
        guard let shop else { throw ShopError.shopNotFound(String(id.rawValue)) }
        return shop
    }
}

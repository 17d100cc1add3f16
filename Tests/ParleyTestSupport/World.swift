import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// A shop on a fresh database, with its clock: the starting point of most tests.
///
/// ```swift
/// try await TestDatabase.sqlite.withFresh { database, _ in
///     let world = try await World.given(database)
///     …
/// }
/// ```
public struct World: Sendable {
    public let database: ParleyDatabase
    public let clock: TestClock
    public let shop: Shop
    /// What `given(_:_:…)` made, in order: `world.agents[0]`, `world.customers.last`.
    public internal(set) var agents: [Agent] = []
    public internal(set) var customers: [Customer] = []
    public internal(set) var orders: [Order] = []

    /// A world around a shop made some other way (the demo seed).
    public init(database: ParleyDatabase, clock: TestClock, shop: Shop) {
        self.database = database
        self.clock = clock
        self.shop = shop
    }

    public static func given(_ database: ParleyDatabase, shop slug: String = "acme", clock: TestClock = TestClock()) async throws -> World {
        let shop = try await CreateShop(database: database, clock: clock)(slug: slug, name: slug.capitalized, timeZone: "Europe/Warsaw")
        return World(database: database, clock: clock, shop: shop)
    }

    /// Another shop on the same database, to prove that nothing crosses between shops.
    public func otherShop(_ slug: String = "other") async throws -> Shop {
        try await CreateShop(database: database, clock: clock)(slug: slug, name: slug.capitalized)
    }
}

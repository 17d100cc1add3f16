import Foundation
import ParleyCore
import ParleyStore

/// Creates a shop: the tenant every other record belongs to.
public struct CreateShop: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(slug: String, name: String, defaultLocale: String = "en", timeZone: String = "UTC") async throws -> Shop {
        guard Shop.isValidSlug(slug) else {
            throw InvalidInput(field: "slug", reason: "use 2 to 63 lowercase letters, digits and dashes")
        }
        try Validation.locale(defaultLocale, field: "default_locale")
        try Validation.timeZone(timeZone, field: "time_zone")
        do {
            return try await database.transaction { sql in
                try await ShopRepository(sql).insert(
                    slug: slug, name: name, defaultLocale: defaultLocale, timeZone: timeZone, now: clock.now())
            }
        } catch  where isDuplicateKey(error) {
            throw ShopError.slugTaken(slug)
        }
    }
}

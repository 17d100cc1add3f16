import Foundation
import ParleyCore
import SQLKit

/// All SQL about shops. Shops are the tenants themselves, so these calls take no shop.
public struct ShopRepository: Sendable {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Inserts a shop.
    public func insert(slug: String, name: String, defaultLocale: String, timeZone: String, now: Date) async throws -> Shop {
        let row = try await sql.raw(
            """
            INSERT INTO shops (slug, name, default_locale, time_zone, created_at)
            VALUES (\(bind: slug), \(bind: name), \(bind: defaultLocale), \(bind: timeZone), \(bind: now)) RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted shop") }
        let id = ShopID(try row.value("id"))
        try await ShopCounters(sql).create(shop: id)
        return Shop(id: id, slug: slug, name: name, defaultLocale: defaultLocale, timeZone: timeZone, createdAt: now)
    }

    /// The shop with `slug`.
    /// Every shop's id, for work done shop by shop.
    public func ids() async throws -> [ShopID] {
        try await sql.raw("SELECT id FROM shops ORDER BY id").all().map { ShopID(try $0.value("id", as: Int64.self)) }
    }

    public func find(slug: String) async throws -> Shop? {
        try await sql.raw("SELECT * FROM shops WHERE slug = \(bind: slug)").first().map(Self.shop)
    }

    /// The shop with `id`.
    public func find(id: ShopID) async throws -> Shop? {
        try await sql.raw("SELECT * FROM shops WHERE id = \(bind: id.rawValue)").first().map(Self.shop)
    }

    private static func shop(_ row: any SQLRow) throws -> Shop {
        Shop(
            id: ShopID(try row.value("id")), slug: try row.value("slug"), name: try row.value("name"),
            defaultLocale: try row.value("default_locale"), timeZone: try row.value("time_zone"),
            createdAt: try row.value("created_at"))
    }
}

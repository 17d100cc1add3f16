import Foundation
import ParleyCore
import SQLKit

/// All SQL about shops' uploaded logos.
public struct ShopLogoRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func find(shop: ShopID) async throws -> ShopLogo? {
        try await sql.raw("SELECT content_type, data, updated_at FROM shop_logos WHERE shop_id = \(bind: shop.rawValue)").first().map {
            ShopLogo(
                contentType: try $0.value("content_type"), data: Array(try $0.value("data", as: Data.self)),
                updatedAt: try $0.value("updated_at"))
        }
    }

    public func save(shop: ShopID, contentType: String, data: [UInt8], now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO shop_logos (shop_id, content_type, data, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: contentType), \(bind: Data(data)), \(bind: now))
            ON CONFLICT (shop_id) DO UPDATE SET content_type = excluded.content_type, data = excluded.data,
                updated_at = excluded.updated_at
            """
        ).run()
    }

    public func delete(shop: ShopID) async throws {
        try await sql.raw("DELETE FROM shop_logos WHERE shop_id = \(bind: shop.rawValue)").run()
    }
}

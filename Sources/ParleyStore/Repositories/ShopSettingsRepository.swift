import Foundation
import ParleyCore
import SQLKit

/// All SQL about shop settings: one row per key, the value as text.
public struct ShopSettingsRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Sets `key` to `value`, replacing what was there.
    public func set(shop: ShopID, key: String, value: String, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO shop_settings (shop_id, key, value, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: key), \(bind: value), \(bind: now))
            ON CONFLICT (shop_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
            """
        ).run()
    }

    /// Removes `key`, so its default applies again.
    public func remove(shop: ShopID, key: String) async throws {
        try await sql.raw("DELETE FROM shop_settings WHERE shop_id = \(bind: shop.rawValue) AND key = \(bind: key)").run()
    }

    /// Every setting of `shop`.
    public func all(shop: ShopID) async throws -> [String: String] {
        try Self.settings(try await sql.raw("SELECT key, value FROM shop_settings WHERE shop_id = \(bind: shop.rawValue)").all())
    }

    /// The values of those of `keys` the shop has set.
    public func values(shop: ShopID, keys: [String]) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        return try Self.settings(
            try await sql.raw(
                "SELECT key, value FROM shop_settings WHERE shop_id = \(bind: shop.rawValue) AND key IN (\(binds: keys))"
            ).all())
    }

    private static func settings(_ rows: [any SQLRow]) throws -> [String: String] {
        var settings: [String: String] = [:]
        for row in rows { settings[try row.value("key")] = try row.value("value") }
        return settings
    }

    /// The value of `key`.
    public func value(shop: ShopID, key: String) async throws -> String? {
        try await sql.raw("SELECT value FROM shop_settings WHERE shop_id = \(bind: shop.rawValue) AND key = \(bind: key)")
            .first()?.value("value")
    }
}

extension ShopRepository {
    /// Overwrites the name, default locale and time zone of a shop.
    public func update(_ shop: Shop) async throws {
        try await sql.raw(
            """
            UPDATE shops SET name = \(bind: shop.name), default_locale = \(bind: shop.defaultLocale), time_zone = \(bind: shop.timeZone)
            WHERE id = \(bind: shop.id.rawValue)
            """
        ).run()
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about API keys. Only a key's SHA-256 is stored; the key itself is shown once, at creation.
public struct ApiKeyRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores a new key's hash and its visible prefix (so staff can tell keys apart).
    public func insert(
        shop: ShopID, name: String, prefix: String, secretHash: String, scope: ApiKey.Scope, expiresAt: Date?, now: Date
    ) async throws -> ApiKey {
        let row = try await sql.raw(
            """
            INSERT INTO api_keys (shop_id, name, prefix, secret_hash, scope, expires_at, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: name), \(bind: prefix), \(bind: secretHash), \(bind: scope.rawValue),
                    \(bind: expiresAt), \(bind: now))
            RETURNING *
            """
        ).first()
        guard let row else { throw StoreError.missingRow("the inserted API key") }
        return try Self.key(row)
    }

    /// The key that hashes to `secretHash`, live or not: the caller tells an expired key from an unknown one.
    public func find(secretHash: String) async throws -> ApiKey? {
        try await sql.raw("SELECT * FROM api_keys WHERE secret_hash = \(bind: secretHash)").first().map(Self.key)
    }

    /// The key of `shop` with `prefix`.
    public func find(shop: ShopID, prefix: String) async throws -> ApiKey? {
        try await sql.raw("SELECT * FROM api_keys WHERE shop_id = \(bind: shop.rawValue) AND prefix = \(bind: prefix)").first().map(
            Self.key)
    }

    /// The keys of `shop`, oldest first, after id `after`: revoked ones too, so staff see what was.
    public func list(shop: ShopID, after: Int64?, since: Date? = nil, limit: Int) async throws -> [ApiKey] {
        let recent: SQLQueryString = since.map { " AND COALESCE(revoked_at, created_at) >= \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT * FROM api_keys WHERE shop_id = \(bind: shop.rawValue) AND id > \(bind: after ?? 0)\(recent) ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(Self.key)
    }

    /// How often, at most, a key's last use is written down.
    public static let touchInterval: TimeInterval = 60

    /// Records that a key was used, at most once a minute, so busy integrations do not turn reads into writes.
    public func touch(keyID: Int64, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_keys SET last_used_at = \(bind: now)
            WHERE id = \(bind: keyID) AND (last_used_at IS NULL OR last_used_at < \(bind: now.addingTimeInterval(-Self.touchInterval)))
            """
        ).run()
    }

    /// Revokes the live keys of `shop` named `name`.
    public func revoke(shop: ShopID, name: String, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_keys SET revoked_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND name = \(bind: name) AND revoked_at IS NULL
            """
        ).run()
    }

    /// Revokes the key of `shop` with `prefix`; false when it was revoked already or is not the shop's.
    public func revoke(shop: ShopID, prefix: String, now: Date) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE api_keys SET revoked_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND prefix = \(bind: prefix) AND revoked_at IS NULL
            RETURNING id
            """
        ).first() != nil
    }

    private static func key(_ row: any SQLRow) throws -> ApiKey {
        ApiKey(
            id: try row.value("id"), shop: try row.shopID, prefix: try row.value("prefix"), name: try row.value("name"),
            scope: ApiKey.Scope(rawValue: try row.value("scope")) ?? .readOnly, createdAt: try row.value("created_at"),
            lastUsedAt: try row.value("last_used_at"), expiresAt: try row.value("expires_at"), revokedAt: try row.value("revoked_at"))
    }
}

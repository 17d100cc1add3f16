import Foundation
import ParleyCore
import SQLKit

/// All SQL about API keys. Only a key's SHA-256 is stored; the key itself is shown once, at creation.
public struct ApiKeyRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores a new key's hash and its visible prefix (so staff can tell keys apart).
    public func insert(shop: ShopID, name: String, prefix: String, secretHash: String, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO api_keys (shop_id, name, prefix, secret_hash, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: name), \(bind: prefix), \(bind: secretHash), \(bind: now))
            """
        ).run()
    }

    /// The shop of the live key that hashes to `secretHash`.
    public func shop(secretHash: String) async throws -> (keyID: Int64, shop: ShopID)? {
        guard
            let row = try await sql.raw(
                """
                SELECT id, shop_id FROM api_keys WHERE secret_hash = \(bind: secretHash) AND revoked_at IS NULL
                """
            ).first()
        else { return nil }
        return (try row.value("id"), try row.shopID)
    }

    /// Records that a key was used, at most once a minute, so busy integrations do not turn reads into writes.
    public func touch(keyID: Int64, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_keys SET last_used_at = \(bind: now)
            WHERE id = \(bind: keyID) AND (last_used_at IS NULL OR last_used_at < \(bind: now.addingTimeInterval(-60)))
            """
        ).run()
    }
}

extension ApiKeyRepository {
    /// Revokes the live keys of `shop` named `name`.
    public func revoke(shop: ShopID, name: String, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_keys SET revoked_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND name = \(bind: name) AND revoked_at IS NULL
            """
        ).run()
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about `Idempotency-Key` requests and their stored responses.
public struct IdempotencyRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Claims `key` for a request with `fingerprint`; nil when the key is new and now belongs to this request.
    public func begin(shop: ShopID, key: String, fingerprint: String, now: Date) async throws -> IdempotentReplay? {
        let inserted = try await sql.raw(
            """
            INSERT INTO idempotent_requests (shop_id, key, fingerprint, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: key), \(bind: fingerprint), \(bind: now))
            ON CONFLICT (shop_id, key) DO NOTHING RETURNING id
            """
        ).first()
        if inserted != nil { return nil }
        guard
            let row = try await sql.raw(
                """
                SELECT fingerprint, status_code, content_type, body FROM idempotent_requests
                WHERE shop_id = \(bind: shop.rawValue) AND key = \(bind: key)
                """
            ).first()
        else { throw StoreError.missingRow("idempotent request \(key)") }
        guard try row.value("fingerprint", as: String.self) == fingerprint else { return .mismatch }
        guard let status = try row.value("status_code", as: Int64?.self) else { return .inProgress }
        return .completed(
            status: Int(status), contentType: try row.value("content_type"), body: try row.value("body", as: Data?.self) ?? Data())
    }

    /// Stores the response of the request that holds `key`.
    public func complete(shop: ShopID, key: String, status: Int, contentType: String?, body: Data) async throws {
        try await sql.raw(
            """
            UPDATE idempotent_requests SET status_code = \(bind: Int64(status)), content_type = \(bind: contentType), body = \(bind: body)
            WHERE shop_id = \(bind: shop.rawValue) AND key = \(bind: key)
            """
        ).run()
    }

    /// Frees `key` after a request that failed before it changed anything, so the client may retry.
    public func release(shop: ShopID, key: String) async throws {
        try await sql.raw(
            """
            DELETE FROM idempotent_requests WHERE shop_id = \(bind: shop.rawValue) AND key = \(bind: key) AND status_code IS NULL
            """
        ).run()
    }

    /// Forgets keys older than `cutoff`; clients retry within minutes, not days.
    public func deleteOlder(than cutoff: Date) async throws {
        try await sql.raw("DELETE FROM idempotent_requests WHERE created_at < \(bind: cutoff)").run()
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about suppressed email addresses.
public struct SuppressionRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Suppresses `address`; a second bounce keeps the first date and takes the newer reason.
    public func add(shop: ShopID, address: String, reason: String, detail: String?, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO email_suppressions (shop_id, address, reason, detail, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: address.lowercased()), \(bind: reason), \(bind: detail), \(bind: now))
            ON CONFLICT (shop_id, address) DO UPDATE SET reason = excluded.reason, detail = excluded.detail
            """
        ).run()
    }

    /// Lifts the suppression; false when the address was not suppressed.
    public func remove(shop: ShopID, address: String) async throws -> Bool {
        try await sql.raw(
            """
            DELETE FROM email_suppressions WHERE shop_id = \(bind: shop.rawValue) AND address = \(bind: address.lowercased())
            RETURNING address
            """
        ).first() != nil
    }

    /// Which of `addresses` are suppressed, in lower case.
    public func suppressed(shop: ShopID, among addresses: [String]) async throws -> Set<String> {
        guard !addresses.isEmpty else { return [] }
        let rows = try await sql.select().column("address").from("email_suppressions")
            .where("shop_id", .equal, shop.rawValue)
            .where("address", .in, addresses.map { $0.lowercased() })
            .all()
        return Set(try rows.map { try $0.value("address") as String })
    }

    /// The shop's suppressed addresses, oldest first, after id `after`.
    public func list(shop: ShopID, after: Int64?, since: Date? = nil, limit: Int) async throws -> [EmailSuppression] {
        let recent: SQLQueryString = since.map { " AND created_at >= \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT id, address, reason, detail, created_at FROM email_suppressions
            WHERE shop_id = \(bind: shop.rawValue) AND id > \(bind: after ?? 0)\(recent)
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map { row in
            EmailSuppression(
                id: try row.value("id"), address: try row.value("address"), reason: try row.value("reason"),
                detail: try row.value("detail"),
                createdAt: try row.value("created_at"))
        }
    }
}

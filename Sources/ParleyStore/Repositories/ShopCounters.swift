import ParleyCore
import SQLKit

/// Per-shop sequences (ticket numbers) that stay gap-tolerant but never repeat.
struct ShopCounters {
    let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The next value of `name` in the shop. The UPDATE locks the counter row, so concurrent
    /// transactions on PostgreSQL take turns instead of handing out the same number.
    func next(shop: ShopID, name: String) async throws -> Int64 {
        try await sql.raw(
            """
            INSERT INTO shop_counters (shop_id, name, value) VALUES (\(bind: shop.rawValue), \(bind: name), 0)
            ON CONFLICT DO NOTHING
            """
        ).run()
        let row = try await sql.raw(
            """
            UPDATE shop_counters SET value = value + 1 WHERE shop_id = \(bind: shop.rawValue) AND name = \(bind: name)
            RETURNING value
            """
        ).first()
        guard let row else { throw StoreError.missingRow("counter \(name)") }
        return try row.value("value")
    }
}

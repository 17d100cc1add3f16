import ParleyCore
import SQLKit

/// Per-shop sequences (ticket numbers) that may skip a number but never repeat one.
///
/// On PostgreSQL each is a `SEQUENCE` of its own, made with the shop: `nextval` holds no lock until
/// the transaction ends. A counter row did, so every filing that opened a conversation waited for the
/// whole transaction of the one before it to commit (7 of 16 sessions waited on that row while a
/// mailbox was filed). A transaction that rolls back leaves a gap. SQLite has one writer anyway, so
/// its counters stay rows.
struct ShopCounters {
    let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The counters every shop has.
    static let names = ["conversation"]

    /// The PostgreSQL sequence of counter `name` of `shop`.
    static func sequence(shop: ShopID, name: String) -> String {
        "shop_counter_\(shop.rawValue)_\(name)"
    }

    /// Makes the shop's sequences (PostgreSQL; SQLite's rows are made on first use).
    func create(shop: ShopID) async throws {
        guard sql.isPostgres else { return }
        for name in Self.names {
            try await sql.raw("CREATE SEQUENCE IF NOT EXISTS \(ident: Self.sequence(shop: shop, name: name))").run()
        }
    }

    /// The next value of `name` in the shop.
    func next(shop: ShopID, name: String) async throws -> Int64 {
        if sql.isPostgres,
            let value = try await sql.raw(
                "SELECT nextval(to_regclass(\(bind: Self.sequence(shop: shop, name: name)))) AS value"
            ).first()?.value("value", as: Int64?.self)
        {
            return value
        }
        // A row, locked by the update until the transaction ends, so two transactions on PostgreSQL
        // (a counter without a sequence) take turns instead of handing out the same number.
        let row = try await sql.raw(
            """
            INSERT INTO shop_counters (shop_id, name, value) VALUES (\(bind: shop.rawValue), \(bind: name), 1)
            ON CONFLICT (shop_id, name) DO UPDATE SET value = shop_counters.value + 1
            RETURNING value
            """
        ).first()
        guard let row else { throw StoreError.missingRow("counter \(name)") }
        return try row.value("value")
    }
}

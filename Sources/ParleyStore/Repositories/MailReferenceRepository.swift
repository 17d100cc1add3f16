import ParleyCore
import SQLKit

/// The Message-IDs incoming mail carried, by conversation (docs/threading.md, rule 3), and the
/// locks that make two emails of one thread take turns on PostgreSQL.
public struct MailReferenceRepository {
    let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Records the Message-IDs an incoming email carried (its own, In-Reply-To, References) with the
    /// conversation it was filed into.
    public func recordReferences(shop: ShopID, conversationID: Int64, _ messageIDs: [String]) async throws {
        let unique = Array(Set(messageIDs.filter { !$0.isEmpty }))
        guard !unique.isEmpty else { return }
        let rows = SQLList(unique.map { "(\(bind: shop.rawValue), \(bind: $0), \(bind: conversationID))" as SQLQueryString })
        try await sql.raw(
            """
            INSERT INTO mail_references (shop_id, message_id, conversation_id) VALUES \(rows)
            ON CONFLICT (shop_id, message_id, conversation_id) DO NOTHING
            """
        ).run()
    }

    /// The conversations that incoming mail carrying any of `messageIDs` was filed into, oldest first.
    public func byReferences(shop: ShopID, _ messageIDs: [String]) async throws -> [Int64] {
        let unique = Array(Set(messageIDs.filter { !$0.isEmpty }))
        guard !unique.isEmpty else { return [] }
        let rows = try await sql.raw(
            """
            SELECT DISTINCT conversation_id FROM mail_references
            WHERE shop_id = \(bind: shop.rawValue) AND message_id IN (\(SQLList(unique.map { SQLBind($0) })))
            ORDER BY conversation_id
            """
        ).all()
        return try rows.map { try $0.value("conversation_id", as: Int64.self) }
    }

    /// Holds, until the transaction ends, the right to decide which conversation mail carrying any
    /// of `keys` (its sender, its Message-ID and the ones it names) joins: so two emails that could
    /// thread together, filed at once on PostgreSQL, take turns and see each other, while unrelated
    /// ones are filed side by side. SQLite has one writer already.
    public func lockThreading(shop: ShopID, keys: [String]) async throws {
        guard sql.isPostgres else { return }
        let hashes = Array(Set(keys.map(Self.stableHash))).sorted()
        guard !hashes.isEmpty else { return }
        // In ascending order, as every filing takes them, so two never wait for each other's.
        try await sql.raw(
            """
            SELECT pg_advisory_xact_lock(\(bind: Int32(truncatingIfNeeded: shop.rawValue)), k)
            FROM (SELECT k FROM unnest(\(bind: hashes)) AS k ORDER BY k) AS sorted
            """
        ).run()
    }

    /// FNV-1a: the same on every node (Swift's own hash differs per process).
    static func stableHash(_ key: String) -> Int32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int32(bitPattern: hash)
    }
}

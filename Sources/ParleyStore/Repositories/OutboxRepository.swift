import Foundation
import ParleyCore
import SQLKit

/// All SQL about the demo's outbox.
public struct OutboxRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(
        shop: ShopID, channel: Channel, recipient: String, subject: String?, body: String, raw: [UInt8]?, now: Date
    ) async throws -> Int64 {
        let row = try await sql.raw(
            """
            INSERT INTO outbox (shop_id, channel, recipient, subject, body, raw, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: channel.rawValue), \(bind: recipient), \(bind: subject), \(bind: body),
                \(bind: raw.map { Data($0) }), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("outbox entry") }
        return try row.value("id")
    }

    /// The shop's kept messages, newest first, before id `before`.
    public func list(shop: ShopID, before: Int64?, limit: Int) async throws -> [OutboxEntry] {
        try await sql.raw(
            """
            SELECT * FROM outbox WHERE shop_id = \(bind: shop.rawValue) AND id < \(bind: before ?? Int64.max)
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.entry)
    }

    public func find(shop: ShopID, id: Int64) async throws -> OutboxEntry? {
        try await sql.raw("SELECT * FROM outbox WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.entry)
    }

    private static func entry(_ row: any SQLRow) throws -> OutboxEntry {
        let raw: Data? = try row.value("raw")
        return OutboxEntry(
            id: try row.value("id"), channel: Channel(rawValue: try row.value("channel")) ?? .email, recipient: try row.value("recipient"),
            subject: try row.value("subject"), body: try row.value("body"), raw: raw.map { [UInt8]($0) },
            createdAt: try row.value("created_at"))
    }
}

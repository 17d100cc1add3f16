import Foundation
import ParleyCore
import SQLKit

/// All SQL about raw received mail.
public struct InboundMailRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores the bytes as they came; returns the stored record, made from what was written rather
    /// than read back (the bytes may be megabytes).
    public func insert(shop: ShopID, publicID: String, _ mail: NewInboundMail, now: Date) async throws -> InboundMail {
        let row = try await sql.raw(
            """
            INSERT INTO inbound_mail (shop_id, public_id, source, envelope_from, envelope_to, remote_address, size, raw, status,
                received_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: mail.source), \(bind: mail.envelopeFrom),
                \(bind: mail.envelopeTo.joined(separator: ",")), \(bind: mail.remoteAddress), \(bind: Int64(mail.raw.count)),
                \(bind: Data(mail.raw)), \(bind: InboundMailStatus.received.rawValue), \(bind: now))
            RETURNING id, received_at
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted inbound mail") }
        // The time as the database keeps it (to the microsecond), as every later read shows it.
        return InboundMail(
            id: try row.value("id"), shopID: shop, publicID: publicID, source: mail.source, envelopeFrom: mail.envelopeFrom,
            envelopeTo: Self.envelopeTo(mail.envelopeTo.joined(separator: ",")),
            remoteAddress: mail.remoteAddress, raw: mail.raw, size: mail.raw.count, sender: nil, status: .received, detail: nil,
            conversationID: nil, receivedAt: try row.value("received_at"), processedAt: nil)
    }

    /// The public ids of the mails with these row ids, without reading their bytes.
    public func publicIDs(shop: ShopID, ids: [Int64]) async throws -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: String] = [:]
        for row in try await sql.raw(
            "SELECT id, public_id FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND id IN (\(binds: ids))"
        ).all() {
            found[try row.value("id")] = try row.value("public_id")
        }
        return found
    }

    public func find(shop: ShopID, publicID: String) async throws -> InboundMail? {
        try await sql.raw("SELECT * FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.mail)
    }

    public func find(shop: ShopID, id: Int64) async throws -> InboundMail? {
        try await sql.raw("SELECT * FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.mail)
    }

    /// Records what became of a message and who sent it (the address in From, lower-cased).
    public func finish(
        shop: ShopID, id: Int64, status: InboundMailStatus, detail: String?, conversationID: Int64?, sender: String?, now: Date
    ) async throws {
        try await sql.raw(
            """
            UPDATE inbound_mail SET status = \(bind: status.rawValue), detail = \(bind: detail),
                conversation_id = \(bind: conversationID), sender = \(bind: sender), processed_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
            """
        ).run()
    }

    /// How many emails from `sender` received since `since` were filed or held.
    public func count(shop: ShopID, sender: String, since: Date) async throws -> Int {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND sender = \(bind: sender)
                AND received_at >= \(bind: since)
            """
        ).first()
        return Int(try row?.value("n", as: Int64.self) ?? 0)
    }

    /// Puts a held message back in line for filing.
    public func release(shop: ShopID, id: Int64) async throws {
        try await sql.raw(
            """
            UPDATE inbound_mail SET status = \(bind: InboundMailStatus.received.rawValue), detail = NULL, processed_at = NULL
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
            """
        ).run()
    }

    /// Messages with `status`, oldest first, without their bytes.
    public func list(shop: ShopID, status: InboundMailStatus, after: Int64?, since: Date? = nil, limit: Int) async throws -> [InboundMail] {
        let recent: SQLQueryString = since.map { " AND COALESCE(processed_at, received_at) >= \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT id, shop_id, public_id, source, envelope_from, envelope_to, remote_address, size, sender, status, detail,
                conversation_id, received_at, processed_at
            FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND status = \(bind: status.rawValue)
                AND id > \(bind: after ?? 0)\(recent)
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(Self.mail)
    }

    /// The recipients as the `envelope_to` column keeps them, comma-separated.
    private static func envelopeTo(_ stored: String) -> [String] {
        stored.split(separator: ",").map(String.init)
    }

    private static func mail(_ row: any SQLRow) throws -> InboundMail {
        let to: String? = try row.value("envelope_to")
        let raw: Data = row.contains(column: "raw") ? try row.value("raw") : Data()
        return InboundMail(
            id: try row.value("id"), shopID: try row.shopID, publicID: try row.value("public_id"), source: try row.value("source"),
            envelopeFrom: try row.value("envelope_from"),
            envelopeTo: envelopeTo(to ?? ""), remoteAddress: try row.value("remote_address"),
            raw: Array(raw), size: Int(try row.value("size", as: Int64.self)), sender: try row.value("sender"),
            status: InboundMailStatus(rawValue: try row.value("status")) ?? .received,
            detail: try row.value("detail"), conversationID: try row.value("conversation_id"),
            receivedAt: try row.value("received_at"), processedAt: try row.value("processed_at"))
    }
}

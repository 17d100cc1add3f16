import Foundation
import ParleyCore
import SQLKit

/// Where a received message stands: stored, then turned into a conversation message or set aside.
public enum InboundMailStatus: String, Sendable, Codable {
    /// Stored, waiting for the `email.receive` job.
    case received
    /// Now part of a conversation.
    case threaded
    /// Deliberately not made a conversation message (a duplicate delivery, a bounce about nothing Parley sent).
    case ignored
}

/// A message as it arrived, byte for byte, with how it came in.
public struct InboundMail: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let publicID: String
    /// `smtp`, `mailgate` or `api`.
    public let source: String
    public let envelopeFrom: String?
    public let envelopeTo: [String]
    public let remoteAddress: String?
    public let raw: [UInt8]
    public var status: InboundMailStatus
    public var detail: String?
    public var conversationID: Int64?
    public let receivedAt: Date
    public var processedAt: Date?
}

/// What to store for a message just received.
public struct NewInboundMail: Sendable {
    public var source: String
    public var envelopeFrom: String?
    public var envelopeTo: [String]
    public var remoteAddress: String?
    public var raw: [UInt8]

    public init(source: String, envelopeFrom: String?, envelopeTo: [String], remoteAddress: String?, raw: [UInt8]) {
        self.source = source
        self.envelopeFrom = envelopeFrom
        self.envelopeTo = envelopeTo
        self.remoteAddress = remoteAddress
        self.raw = raw
    }
}

/// All SQL about raw received mail.
public struct InboundMailRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores the bytes as they came; returns the row id.
    public func insert(shop: ShopID, publicID: String, _ mail: NewInboundMail, now: Date) async throws -> Int64 {
        let row = try await sql.raw(
            """
            INSERT INTO inbound_mail (shop_id, public_id, source, envelope_from, envelope_to, remote_address, size, raw, status,
                received_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: mail.source), \(bind: mail.envelopeFrom),
                \(bind: mail.envelopeTo.joined(separator: ",")), \(bind: mail.remoteAddress), \(bind: Int64(mail.raw.count)),
                \(bind: Data(mail.raw)), \(bind: InboundMailStatus.received.rawValue), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted inbound mail") }
        return try row.value("id")
    }

    public func find(shop: ShopID, publicID: String) async throws -> InboundMail? {
        try await sql.raw("SELECT * FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.mail)
    }

    public func find(shop: ShopID, id: Int64) async throws -> InboundMail? {
        try await sql.raw("SELECT * FROM inbound_mail WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.mail)
    }

    /// Records what became of a message.
    public func finish(
        shop: ShopID, id: Int64, status: InboundMailStatus, detail: String?, conversationID: Int64?, now: Date
    ) async throws {
        try await sql.raw(
            """
            UPDATE inbound_mail SET status = \(bind: status.rawValue), detail = \(bind: detail),
                conversation_id = \(bind: conversationID), processed_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
            """
        ).run()
    }

    private static func mail(_ row: any SQLRow) throws -> InboundMail {
        let to: String? = try row.value("envelope_to")
        let raw: Data = try row.value("raw")
        return InboundMail(
            id: try row.value("id"), shopID: try row.shopID, publicID: try row.value("public_id"), source: try row.value("source"),
            envelopeFrom: try row.value("envelope_from"),
            envelopeTo: (to ?? "").split(separator: ",").map(String.init), remoteAddress: try row.value("remote_address"),
            raw: Array(raw), status: InboundMailStatus(rawValue: try row.value("status")) ?? .received,
            detail: try row.value("detail"), conversationID: try row.value("conversation_id"),
            receivedAt: try row.value("received_at"), processedAt: try row.value("processed_at"))
    }
}

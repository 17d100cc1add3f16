import Foundation
import ParleyCore
import SQLKit

/// All SQL about attachments; their bytes live in the database so every node can serve them.
public struct AttachmentRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(shop: ShopID, conversationMessageID: Int64, publicID: String, _ attachment: NewAttachment, now: Date)
        async throws
    {
        try await sql.raw(
            """
            INSERT INTO attachments (shop_id, public_id, conversation_message_id, filename, content_type, content_id, is_inline,
                size, data, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: conversationMessageID), \(bind: attachment.filename),
                \(bind: attachment.contentType), \(bind: attachment.contentID), \(bind: attachment.isInline),
                \(bind: Int64(attachment.data.count)), \(bind: Data(attachment.data)), \(bind: now))
            """
        ).run()
    }

    /// The attachments of these conversation messages, in the order they were stored.
    public func list(shop: ShopID, conversationMessageIDs: [Int64]) async throws -> [AttachmentInfo] {
        guard !conversationMessageIDs.isEmpty else { return [] }
        return try await sql.raw(
            """
            SELECT id, public_id, conversation_message_id, filename, content_type, content_id, is_inline, size FROM attachments
            WHERE shop_id = \(bind: shop.rawValue) AND conversation_message_id IN (\(binds: conversationMessageIDs)) ORDER BY id
            """
        ).all().map(Self.info)
    }

    /// An attachment with its bytes, for download.
    public func find(shop: ShopID, publicID: String) async throws -> (AttachmentInfo, [UInt8])? {
        guard
            let row = try await sql.raw(
                "SELECT * FROM attachments WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)"
            ).first()
        else { return nil }
        let data: Data = try row.value("data")
        return (try Self.info(row), Array(data))
    }

    private static func info(_ row: any SQLRow) throws -> AttachmentInfo {
        AttachmentInfo(
            id: try row.value("id"), publicID: try row.value("public_id"),
            conversationMessageID: try row.value("conversation_message_id"), filename: try row.value("filename"),
            contentType: try row.value("content_type"), contentID: try row.value("content_id"),
            isInline: try row.value("is_inline"), size: try row.value("size"))
    }
}

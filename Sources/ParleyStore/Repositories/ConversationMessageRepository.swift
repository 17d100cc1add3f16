import Foundation
import ParleyCore
import SQLKit

/// All SQL about the messages inside conversations.
public struct ConversationMessageRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(shop: ShopID, conversationID: Int64, publicID: String, _ message: NewConversationMessage, now: Date)
        async throws -> ConversationMessage
    {
        let row = try await sql.raw(
            """
            INSERT INTO conversation_messages (shop_id, conversation_id, public_id, kind, channel, customer_id, agent_id, sender,
                subject, clean_text, body_text, body_html, quoted, signature, message_id, inbound_mail_id, outbound_message_id,
                threading, flag, machine, client_id, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: conversationID), \(bind: publicID), \(bind: message.kind.rawValue),
                \(bind: message.channel.rawValue), \(bind: message.customerID), \(bind: message.agentID), \(bind: message.sender),
                \(bind: message.subject), \(bind: message.text), \(bind: message.bodyText), \(bind: message.bodyHTML),
                \(bind: message.quoted), \(bind: message.signature), \(bind: message.messageID), \(bind: message.inboundMailID),
                \(bind: message.outboundMessageID), \(bind: message.threading), \(bind: message.flag), \(bind: message.machine),
                \(bind: message.clientID), \(bind: now))
            RETURNING *
            """
        ).first()
        guard let stored = try row.map(Self.message) else { throw StoreError.missingRow("inserted conversation message") }
        try await SearchRepository(sql).append(
            shop: shop, conversationID: conversationID,
            text: SearchRepository.messageText(subject: message.subject, text: message.text))
        return stored
    }

    /// The conversation message an outgoing message was sent for (a reply's delivery).
    public func find(shop: ShopID, outboundMessageID: Int64) async throws -> ConversationMessage? {
        try await sql.raw(
            """
            SELECT * FROM conversation_messages WHERE shop_id = \(bind: shop.rawValue) AND outbound_message_id = \(bind: outboundMessageID)
            """
        ).first().map(Self.message)
    }

    public func find(shop: ShopID, id: Int64) async throws -> ConversationMessage? {
        try await sql.raw("SELECT * FROM conversation_messages WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.message)
    }

    public func find(shop: ShopID, publicID: String) async throws -> ConversationMessage? {
        try await sql.raw(
            "SELECT * FROM conversation_messages WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)"
        ).first().map(Self.message)
    }

    /// The conversation's messages, oldest first, after the message with id `after`.
    public func list(shop: ShopID, conversationID: Int64, after: Int64? = nil, limit: Int = 500) async throws
        -> [ConversationMessage]
    {
        try await sql.raw(
            """
            SELECT * FROM conversation_messages WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)
                AND id > \(bind: after ?? 0) ORDER BY id LIMIT \(bind: limit)
            """
        ).all().map(Self.message)
    }

    /// True when a message with this Message-ID came in already, so a second delivery of it is a duplicate.
    public func containsIncoming(shop: ShopID, messageID: String) async throws -> Bool {
        try await sql.raw(
            """
            SELECT id FROM conversation_messages WHERE shop_id = \(bind: shop.rawValue) AND message_id = \(bind: messageID)
                AND kind = 'incoming'
            """
        ).first() != nil
    }

    /// Moves messages to another conversation (merge, split), and their words in the search with them.
    public func move(shop: ShopID, ids: [Int64], to conversationID: Int64) async throws {
        guard !ids.isEmpty else { return }
        let sources = try await sql.raw(
            """
            SELECT DISTINCT conversation_id FROM conversation_messages
            WHERE shop_id = \(bind: shop.rawValue) AND id IN (\(binds: ids))
            """
        ).all().map { try $0.value("conversation_id", as: Int64.self) }
        for id in ids {
            try await sql.raw(
                """
                UPDATE conversation_messages SET conversation_id = \(bind: conversationID)
                WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
                """
            ).run()
        }
        try await SearchRepository(sql).rebuild(shop: shop, conversationIDs: sources + [conversationID])
    }

    private static func message(_ row: any SQLRow) throws -> ConversationMessage {
        guard let kind = ConversationMessage.Kind(rawValue: try row.value("kind")),
            let channel = ConversationChannel(rawValue: try row.value("channel"))
        else { throw StoreError.undecodable(column: "kind", underlying: "unknown message kind or channel") }
        let content = NewConversationMessage(
            kind: kind, channel: channel, customerID: try row.value("customer_id"), agentID: try row.value("agent_id"),
            sender: try row.value("sender"), subject: try row.value("subject"), text: try row.value("clean_text"),
            bodyText: try row.value("body_text"), bodyHTML: try row.value("body_html"), quoted: try row.value("quoted"),
            signature: try row.value("signature"), messageID: try row.value("message_id"), inboundMailID: try row.value("inbound_mail_id"),
            outboundMessageID: try row.value("outbound_message_id"), threading: try row.value("threading"), flag: try row.value("flag"),
            machine: try row.value("machine"), clientID: try row.value("client_id"))
        return ConversationMessage(
            id: try row.value("id"), shopID: try row.shopID, conversationID: try row.value("conversation_id"),
            publicID: try row.value("public_id"), content: content, createdAt: try row.value("created_at"))
    }
}

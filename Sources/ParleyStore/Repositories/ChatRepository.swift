import Foundation
import ParleyCore
import SQLKit

/// All SQL about chat visitors, their chat conversations and agents' presence.
public struct ChatRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    // MARK: Visitors

    public func insertVisitor(shop: ShopID, publicID: String, tokenHash: String, locale: String?, now: Date) async throws -> ChatVisitor {
        let row = try await sql.raw(
            """
            INSERT INTO chat_visitors (shop_id, public_id, token_hash, locale, created_at, last_seen_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: tokenHash), \(bind: locale), \(bind: now), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row, let stored = try await visitor(shop: shop, id: try row.value("id")) else {
            throw StoreError.missingRow("inserted chat visitor")
        }
        return stored
    }

    public func visitor(shop: ShopID, id: Int64) async throws -> ChatVisitor? {
        try await sql.raw("SELECT * FROM chat_visitors WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.visitor)
    }

    /// The visitor whose browser holds the token hashing to `tokenHash`.
    public func visitor(shop: ShopID, tokenHash: String) async throws -> ChatVisitor? {
        try await sql.raw(
            "SELECT * FROM chat_visitors WHERE shop_id = \(bind: shop.rawValue) AND token_hash = \(bind: tokenHash)"
        ).first().map(Self.visitor)
    }

    public func updateVisitor(_ visitor: ChatVisitor) async throws {
        try await sql.raw(
            """
            UPDATE chat_visitors SET customer_id = \(bind: visitor.customerID), locale = \(bind: visitor.locale),
                email = \(bind: visitor.email), last_seen_at = \(bind: visitor.lastSeenAt)
            WHERE shop_id = \(bind: visitor.shopID.rawValue) AND id = \(bind: visitor.id)
            """
        ).run()
    }

    /// Cuts the customer's browsers off their visitors and drops the address they left (erasure):
    /// a token no longer opens the chat or records browsing, so the next visit starts afresh.
    public func forgetVisitors(shop: ShopID, customerID: Int64) async throws {
        try await sql.raw(
            """
            UPDATE chat_visitors SET token_hash = 'erased:' || CAST(id AS TEXT), email = NULL
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)
            """
        ).run()
    }

    // MARK: Threads

    public func insertThread(_ thread: ChatThread) async throws {
        try await sql.raw(
            """
            INSERT INTO chat_threads (conversation_id, shop_id, visitor_id, handled_by, visitor_read_id, emailed_id, awaiting_order,
                proof_attempts, page_url, created_at)
            VALUES (\(bind: thread.conversationID), \(bind: thread.shopID.rawValue), \(bind: thread.visitorID),
                \(bind: thread.handledBy.rawValue), \(bind: thread.visitorReadID), \(bind: thread.emailedID), \(bind: thread.awaitingOrder),
                \(bind: thread.proofAttempts), \(bind: thread.pageURL), \(bind: thread.createdAt))
            """
        ).run()
    }

    // Each writer changes only its own columns: the visitor, the assistant and the follow-up job
    // work on the same thread at once.

    public func setHandler(shop: ShopID, conversationID: Int64, _ handler: ChatThread.Handler) async throws {
        try await sql.raw(
            """
            UPDATE chat_threads SET handled_by = \(bind: handler.rawValue)
            WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)
            """
        ).run()
    }

    /// The visitor has seen up to `messageID`; an older mark never replaces a newer one.
    public func setVisitorRead(shop: ShopID, conversationID: Int64, _ messageID: Int64) async throws {
        try await sql.raw(
            """
            UPDATE chat_threads SET visitor_read_id = \(bind: messageID)
            WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID) AND visitor_read_id < \(bind: messageID)
            """
        ).run()
    }

    public func setEmailed(shop: ShopID, conversationID: Int64, _ messageID: Int64) async throws {
        try await sql.raw(
            """
            UPDATE chat_threads SET emailed_id = \(bind: messageID)
            WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID) AND emailed_id < \(bind: messageID)
            """
        ).run()
    }

    public func setAssistantState(shop: ShopID, conversationID: Int64, awaitingOrder: String?, proofAttempts: Int) async throws {
        try await sql.raw(
            """
            UPDATE chat_threads SET awaiting_order = \(bind: awaitingOrder), proof_attempts = \(bind: proofAttempts)
            WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)
            """
        ).run()
    }

    public func thread(shop: ShopID, conversationID: Int64) async throws -> ChatThread? {
        try await sql.raw(
            "SELECT * FROM chat_threads WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)"
        ).first().map(Self.thread)
    }

    /// The address the visitor of this chat left for it to continue by email, if any.
    public func visitorEmail(shop: ShopID, conversationID: Int64) async throws -> String? {
        try await sql.raw(
            """
            SELECT v.email FROM chat_threads t JOIN chat_visitors v ON v.id = t.visitor_id
            WHERE t.shop_id = \(bind: shop.rawValue) AND t.conversation_id = \(bind: conversationID)
            """
        ).first()?.value("email", as: String?.self)
    }

    /// The visitor's newest chat that was not merged away.
    public func latestThread(shop: ShopID, visitorID: Int64) async throws -> ChatThread? {
        try await latestThread(shop: shop, visitorID: visitorID, sent: nil)?.thread
    }

    /// The visitor's newest chat, and the id of its message the widget sent as `clientID`, if it
    /// was stored already: one query for what every message the visitor sends must know.
    public func latestThread(shop: ShopID, visitorID: Int64, sent clientID: String?) async throws -> (thread: ChatThread, sent: Int64?)? {
        try await sql.raw(
            """
            SELECT t.*, (SELECT m.id FROM conversation_messages m WHERE m.shop_id = t.shop_id
                AND m.conversation_id = t.conversation_id AND m.client_id = \(bind: clientID)) AS sent_id
            FROM chat_threads t JOIN conversations c ON c.id = t.conversation_id
            WHERE t.shop_id = \(bind: shop.rawValue) AND t.visitor_id = \(bind: visitorID) AND c.merged_into_id IS NULL
            ORDER BY t.conversation_id DESC LIMIT 1
            """
        ).first().map { row in (try Self.thread(row), try row.value("sent_id", as: Int64?.self)) }
    }

    // MARK: Messages

    /// What the visitor sees of the conversation, oldest first: after the message `after`, or the
    /// newest `limit` when `after` is nil.
    public func lines(shop: ShopID, conversationID: Int64, after: Int64?, limit: Int = 200) async throws -> [ChatLine] {
        let visible = "m.kind IN ('incoming', 'reply', 'auto_reply', 'assistant')"
        let rows: [any SQLRow]
        if let after {
            rows = try await sql.raw(
                """
                SELECT m.id, m.public_id, m.kind, m.clean_text, m.client_id, m.created_at, a.name AS agent_name, \(unsafeRaw: Self.files)
                FROM conversation_messages m LEFT JOIN agents a ON a.id = m.agent_id
                WHERE m.shop_id = \(bind: shop.rawValue) AND m.conversation_id = \(bind: conversationID) AND m.id > \(bind: after)
                    AND \(unsafeRaw: visible)
                ORDER BY m.id LIMIT \(bind: limit)
                """
            ).all()
        } else {
            rows = try await sql.raw(
                """
                SELECT * FROM (
                    SELECT m.id, m.public_id, m.kind, m.clean_text, m.client_id, m.created_at, a.name AS agent_name, \(unsafeRaw: Self.files)
                    FROM conversation_messages m LEFT JOIN agents a ON a.id = m.agent_id
                    WHERE m.shop_id = \(bind: shop.rawValue) AND m.conversation_id = \(bind: conversationID) AND \(unsafeRaw: visible)
                    ORDER BY m.id DESC LIMIT \(bind: limit)
                ) newest ORDER BY id
                """
            ).all()
        }
        return try rows.map(Self.line)
    }

    /// The message the widget already sent with `clientID`, if it did.
    public func line(shop: ShopID, conversationID: Int64, clientID: String) async throws -> ChatLine? {
        try await sql.raw(
            """
            SELECT m.id, m.public_id, m.kind, m.clean_text, m.client_id, m.created_at, NULL AS agent_name, \(unsafeRaw: Self.files)
            FROM conversation_messages m
            WHERE m.shop_id = \(bind: shop.rawValue) AND m.conversation_id = \(bind: conversationID) AND m.client_id = \(bind: clientID)
            """
        ).first().map(Self.line)
    }

    private static let files =
        "(SELECT COUNT(*) FROM attachments f WHERE f.shop_id = m.shop_id AND f.conversation_message_id = m.id) AS files"

    // MARK: Presence

    /// The agent has the inbox open now.
    public func agentSeen(shop: ShopID, agentID: Int64, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO agent_presence (agent_id, shop_id, seen_at) VALUES (\(bind: agentID), \(bind: shop.rawValue), \(bind: now))
            ON CONFLICT (agent_id) DO UPDATE SET seen_at = excluded.seen_at, shop_id = excluded.shop_id
            """
        ).run()
    }

    /// How many of the shop's agents had the inbox open since `since`.
    public func agentsSeen(shop: ShopID, since: Date) async throws -> Int {
        try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM agent_presence p JOIN agents a ON a.id = p.agent_id
            WHERE p.shop_id = \(bind: shop.rawValue) AND p.seen_at >= \(bind: since)
            """
        ).first()?.value("n") ?? 0
    }

    // MARK: Rows

    private static func visitor(_ row: any SQLRow) throws -> ChatVisitor {
        ChatVisitor(
            id: try row.value("id"), shopID: try row.shopID, publicID: try row.value("public_id"),
            customerID: try row.value("customer_id"), locale: try row.value("locale"), email: try row.value("email"),
            createdAt: try row.value("created_at"), lastSeenAt: try row.value("last_seen_at"))
    }

    private static func thread(_ row: any SQLRow) throws -> ChatThread {
        guard let handler = ChatThread.Handler(rawValue: try row.value("handled_by")) else {
            throw StoreError.undecodable(column: "handled_by", underlying: "unknown chat handler")
        }
        return ChatThread(
            conversationID: try row.value("conversation_id"), shopID: try row.shopID, visitorID: try row.value("visitor_id"),
            handledBy: handler, visitorReadID: try row.value("visitor_read_id"), emailedID: try row.value("emailed_id"),
            awaitingOrder: try row.value("awaiting_order"), proofAttempts: try row.value("proof_attempts"),
            pageURL: try row.value("page_url"),
            createdAt: try row.value("created_at"))
    }

    private static func line(_ row: any SQLRow) throws -> ChatLine {
        guard let kind = ConversationMessage.Kind(rawValue: try row.value("kind")) else {
            throw StoreError.undecodable(column: "kind", underlying: "unknown message kind")
        }
        return ChatLine(
            id: try row.value("id"), publicID: try row.value("public_id"), kind: kind, text: try row.value("clean_text"),
            agentName: try row.value("agent_name"), clientID: try row.value("client_id"),
            files: Int(try row.value("files", as: Int64.self)),
            createdAt: try row.value("created_at"))
    }
}

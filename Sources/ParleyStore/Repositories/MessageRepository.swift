import Foundation
import ParleyCore
import SQLKit

/// All SQL about outgoing messages and their delivery state.
public struct MessageRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Queues `message` (or records it as `status` at once, with why); nil when one with the same
    /// dedupe key exists already.
    public func insert(
        shop: ShopID, publicID: String, _ message: NewMessage, status: MessageStatus = .queued, lastError: String? = nil, now: Date
    ) async throws -> OutboundMessage? {
        let row = try await sql.raw(
            """
            INSERT INTO messages (shop_id, public_id, customer_id, order_id, channel, topic, locale, recipient, subject, body_text,
                body_html, message_id, status, last_error, dedupe_key, created_at, updated_at, conversation_id, in_reply_to,
                references_header, reply_to, expires_at, list_unsubscribe)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: message.customerID), \(bind: message.orderID),
                \(bind: message.channel?.rawValue), \(bind: message.topic), \(bind: message.locale), \(bind: message.recipient),
                \(bind: message.subject), \(bind: message.text), \(bind: message.html), \(bind: message.messageID),
                \(bind: status.rawValue), \(bind: lastError), \(bind: message.dedupeKey), \(bind: now), \(bind: now),
                \(bind: message.thread?.conversationID), \(bind: message.thread?.inReplyTo),
                \(bind: message.thread.map { $0.references.joined(separator: " ") }), \(bind: message.thread?.replyTo),
                \(bind: message.expiresAt), \(bind: message.listUnsubscribe))
            ON CONFLICT (shop_id, dedupe_key) DO NOTHING RETURNING id
            """
        ).first()
        guard let row else { return nil }
        let id: Int64 = try row.value("id")
        try await appendEvent(shop: shop, messageID: id, status: status, detail: lastError, now: now)
        return try await find(shop: shop, id: id)
    }

    /// The messages with these row ids, by id: one query for a whole thread's deliveries.
    public func find(shop: ShopID, ids: [Int64]) async throws -> [Int64: OutboundMessage] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: OutboundMessage] = [:]
        for message in try await sql.raw(
            "SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND id IN (\(binds: ids))"
        ).all().map(Self.message) {
            found[message.id] = message
        }
        return found
    }

    public func find(shop: ShopID, id: Int64) async throws -> OutboundMessage? {
        try await sql.raw("SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.message)
    }

    public func find(shop: ShopID, publicID: String) async throws -> OutboundMessage? {
        try await sql.raw("SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.message)
    }

    /// The message a provider knows as `providerMessageID`.
    public func find(shop: ShopID, providerMessageID: String) async throws -> OutboundMessage? {
        try await sql.raw(
            "SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND provider_message_id = \(bind: providerMessageID)"
        ).first().map(Self.message)
    }

    /// The email sent with `messageID` (without angle brackets). Parley's Message-IDs start with the
    /// message's public id, which also finds a message whose domain a relay rewrote.
    public func find(shop: ShopID, messageID: String) async throws -> OutboundMessage? {
        let localPart = String(messageID.prefix { $0 != "@" })
        return try await sql.raw(
            """
            SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue)
                AND (message_id = \(bind: messageID) OR public_id = \(bind: localPart))
            """
        ).first().map(Self.message)
    }

    /// The emails a report names by their Message-IDs (surest first), each once.
    public func find(shop: ShopID, messageIDs: [String]) async throws -> [OutboundMessage] {
        var named: [OutboundMessage] = []
        for messageID in messageIDs {
            guard let message = try await find(shop: shop, messageID: messageID), !named.contains(where: { $0.id == message.id }) else {
                continue
            }
            named.append(message)
        }
        return named
    }

    /// The messages about an order, oldest first.
    public func list(shop: ShopID, orderID: Int64) async throws -> [OutboundMessage] {
        try await sql.raw("SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND order_id = \(bind: orderID) ORDER BY id")
            .all().map(Self.message)
    }

    /// How many messages about `topic` went to `recipient` since `since`, for per-sender limits.
    public func count(shop: ShopID, topic: String, recipient: String, since: Date) async throws -> Int {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM messages WHERE shop_id = \(bind: shop.rawValue) AND topic = \(bind: topic)
                AND recipient = \(bind: recipient) AND created_at >= \(bind: since)
            """
        ).first()
        return Int(try row?.value("n", as: Int64.self) ?? 0)
    }

    /// The latest messages in any of `statuses`, newest first: what could not be delivered.
    public func list(shop: ShopID, statuses: [MessageStatus], limit: Int) async throws -> [OutboundMessage] {
        let list = SQLList(statuses.map { SQLBind($0.rawValue) })
        return try await sql.raw(
            """
            SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND status IN (\(list))
            ORDER BY updated_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.message)
    }

    /// The messages sent to a customer, oldest first.
    public func list(shop: ShopID, customerID: Int64) async throws -> [OutboundMessage] {
        try await sql.raw(
            "SELECT * FROM messages WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) ORDER BY id"
        ).all().map(Self.message)
    }

    /// Counts an attempt to send, and what went wrong when it failed.
    public func recordAttempt(shop: ShopID, id: Int64, error: String?, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE messages SET attempts = attempts + 1, last_error = COALESCE(\(bind: error), last_error), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)
            """
        ).run()
    }

    /// Puts a message that failed back in the queue, because a person asked to try again.
    public func requeue(shop: ShopID, id: Int64, now: Date) async throws -> OutboundMessage? {
        try await sql.raw(
            """
            UPDATE messages SET status = 'queued', waiting_for_setting = NULL, updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status IN ('failed', 'bounced', 'unreachable')
            """
        ).run()
        guard let message = try await find(shop: shop, id: id), message.status == .queued else { return nil }
        try await appendEvent(shop: shop, messageID: id, status: .queued, detail: "tried again by an agent", now: now)
        return message
    }

    /// Holds a queued message back until `until` for `reasons`, noted in its history.
    public func hold(shop: ShopID, id: Int64, until: Date, because reasons: [ContactPressure.Reason], now: Date) async throws {
        try await sql.raw(
            """
            UPDATE messages SET held_until = \(bind: until), held_reasons = \(bind: reasons.map(\.code).joined(separator: ",")),
                updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status = 'queued'
            """
        ).run()
        try await appendEvent(
            shop: shop, messageID: id, status: .queued,
            detail: "held until \(until.formatted(.iso8601)): " + reasons.map(\.sentence).joined(separator: "; "), now: now)
    }

    /// The customer's messages the contact-pressure budget holds back now, soonest first.
    public func held(shop: ShopID, customerID: Int64, limit: Int) async throws -> [OutboundMessage] {
        try await sql.raw(
            """
            SELECT * FROM messages
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) AND status = 'queued' AND held_until IS NOT NULL
            ORDER BY held_until LIMIT \(bind: limit)
            """
        ).all().map(Self.message)
    }

    /// What went to the customer since `since`, for the contact-pressure budget: messages that were
    /// sent (a bounce was sent too), at the time they went.
    public func contactHistory(shop: ShopID, customerID: Int64, since: Date) async throws -> [ContactPressure.Sent] {
        try await sql.raw(
            """
            SELECT channel, topic, sent_at FROM messages
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) AND sent_at >= \(bind: since)
                AND status IN ('sent', 'delivered', 'bounced')
            """
        ).all().compactMap { row in
            guard let channel = Channel(rawValue: try row.value("channel", as: String?.self) ?? ""),
                let at = try row.value("sent_at", as: Date?.self)
            else { return nil }
            return ContactPressure.Sent(at: at, channel: channel, kind: ContactPressure.Kind(topic: try row.value("topic")))
        }
    }

    /// Parks a queued message until the shop changes `setting`, with the reason as its last error.
    public func wait(shop: ShopID, id: Int64, for setting: String, reason: String, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE messages SET waiting_for_setting = \(bind: setting), last_error = \(bind: reason), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status = 'queued'
            """
        ).run()
    }

    /// Takes every parked message of `shop` off its wait and returns them, to be queued again.
    public func releaseWaiting(shop: ShopID, now: Date) async throws -> [OutboundMessage] {
        try await sql.raw(
            """
            UPDATE messages SET waiting_for_setting = NULL, updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND waiting_for_setting IS NOT NULL AND status = 'queued'
            RETURNING *
            """
        ).all().map(Self.message)
    }

    /// The settings the shop's parked messages wait for: how many each, and the latest reason.
    public func waitingBySetting(shop: ShopID) async throws -> [(setting: String, messages: Int, reason: String)] {
        let rows = try await sql.raw(
            """
            SELECT waiting_for_setting AS setting, COUNT(*) AS n, MAX(last_error) AS reason FROM messages
            WHERE shop_id = \(bind: shop.rawValue) AND waiting_for_setting IS NOT NULL AND status = 'queued'
            GROUP BY waiting_for_setting ORDER BY waiting_for_setting
            """
        ).all()
        return try rows.map { (try $0.value("setting"), Int(try $0.value("n", as: Int64.self)), try $0.value("reason") ?? "") }
    }

    /// How many parked messages the installation has, and in how many shops: for `/health`.
    public func waitingEverywhere() async throws -> (messages: Int, shops: Int) {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n, COUNT(DISTINCT shop_id) AS shops FROM messages
            WHERE waiting_for_setting IS NOT NULL AND status = 'queued'
            """
        ).first()
        return (Int(try row?.value("n", as: Int64.self) ?? 0), Int(try row?.value("shops", as: Int64.self) ?? 0))
    }

    /// Moves a message to `status` unless it is already past it; false when the change was refused.
    ///
    /// The row is changed only while its status still accepts the new one, checked by the UPDATE
    /// itself: two reports racing (a bridge's "delivered" while the sending job records "sent") end
    /// where the later state says, whichever commits first.
    @discardableResult
    public func transition(
        shop: ShopID, id: Int64, to status: MessageStatus, detail: String?, providerMessageID: String? = nil,
        providerResponse: String? = nil, now: Date
    ) async throws -> Bool {
        let error = status == .failed || status == .bounced ? detail : nil
        let from = MessageStatus.allCases.filter { $0.accepts(status) }.map(\.rawValue)
        guard !from.isEmpty else { return false }
        let moved = try await sql.raw(
            """
            UPDATE messages SET status = \(bind: status.rawValue), last_error = COALESCE(\(bind: error), last_error),
                provider_message_id = COALESCE(\(bind: providerMessageID), provider_message_id),
                provider_response = COALESCE(\(bind: providerResponse), provider_response),
                sent_at = CASE WHEN \(bind: status.rawValue) = 'sent' THEN \(bind: now) ELSE sent_at END,
                updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status IN (\(binds: from))
            RETURNING id
            """
        ).all()
        guard !moved.isEmpty else { return false }
        try await appendEvent(shop: shop, messageID: id, status: status, detail: detail, now: now)
        return true
    }

    /// The changes of a message's state, oldest first.
    public func events(shop: ShopID, messageID: Int64) async throws -> [MessageEvent] {
        try await sql.raw(
            """
            SELECT * FROM message_events WHERE shop_id = \(bind: shop.rawValue) AND message_id = \(bind: messageID) ORDER BY id
            """
        ).all().map { row in
            MessageEvent(
                status: MessageStatus(rawValue: try row.value("status")) ?? .failed, detail: try row.value("detail"),
                occurredAt: try row.value("occurred_at"))
        }
    }

    private func appendEvent(shop: ShopID, messageID: Int64, status: MessageStatus, detail: String?, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO message_events (shop_id, message_id, status, detail, occurred_at)
            VALUES (\(bind: shop.rawValue), \(bind: messageID), \(bind: status.rawValue), \(bind: detail), \(bind: now))
            """
        ).run()
    }

    private static func message(_ row: any SQLRow) throws -> OutboundMessage {
        let channel: String? = try row.value("channel")
        let conversationID: Int64? = try row.value("conversation_id")
        let references: String? = try row.value("references_header")
        let thread = try conversationID.map {
            MessageThread(
                conversationID: $0, inReplyTo: try row.value("in_reply_to"),
                references: (references ?? "").split(separator: " ").map(String.init), replyTo: try row.value("reply_to"))
        }
        guard let status = MessageStatus(rawValue: try row.value("status")) else {
            throw StoreError.undecodable(column: "status", underlying: "unknown message status")
        }
        let content = NewMessage(
            customerID: try row.value("customer_id"), orderID: try row.value("order_id"), channel: channel.flatMap(Channel.init(rawValue:)),
            topic: try row.value("topic"), locale: try row.value("locale"), recipient: try row.value("recipient"),
            subject: try row.value("subject"), text: try row.value("body_text"), html: try row.value("body_html"),
            messageID: try row.value("message_id"), dedupeKey: try row.value("dedupe_key"), thread: thread,
            expiresAt: try row.value("expires_at"), listUnsubscribe: try row.value("list_unsubscribe"))
        return OutboundMessage(
            id: try row.value("id"), shopID: try row.shopID, publicID: try row.value("public_id"), content: content, status: status,
            attempts: Int(try row.value("attempts", as: Int64.self)), lastError: try row.value("last_error"),
            providerMessageID: try row.value("provider_message_id"), providerResponse: try row.value("provider_response"),
            createdAt: try row.value("created_at"), sentAt: try row.value("sent_at"), updatedAt: try row.value("updated_at"),
            waitingForSetting: try row.value("waiting_for_setting"), heldUntil: try row.value("held_until"),
            heldBecause: (try row.value("held_reasons", as: String?.self) ?? "").split(separator: ",").compactMap {
                ContactPressure.Reason(code: String($0))
            })
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about conversations, their participants and their audit trail.
public struct ConversationRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Opens a conversation with the shop's next ticket number.
    public func insert(shop: ShopID, publicID: String, replyToken: String, _ new: NewConversation, now: Date) async throws
        -> Conversation
    {
        let number = try await ShopCounters(sql).next(shop: shop, name: "conversation")
        let row = try await sql.raw(
            """
            INSERT INTO conversations (shop_id, number, public_id, reply_token, customer_id, channel, subject, normalized_subject,
                status, priority, created_at, updated_at, last_message_at)
            VALUES (\(bind: shop.rawValue), \(bind: number), \(bind: publicID), \(bind: replyToken), \(bind: new.customerID),
                \(bind: new.channel.rawValue), \(bind: new.subject), \(bind: new.normalizedSubject), \(bind: new.status.rawValue),
                \(bind: new.priority.rawValue), \(bind: now), \(bind: now), \(bind: now))
            RETURNING *
            """
        ).first()
        guard let conversation = try row.map(Self.conversation) else { throw StoreError.missingRow("inserted conversation") }
        try await SearchRepository(sql).open(
            shop: shop, conversationID: conversation.id, subject: conversation.subject, customerID: conversation.customerID)
        return conversation
    }

    /// Whether the customer has a conversation not yet resolved (and not merged away) that moved
    /// since `since`: a matter still being handled. One forgotten for weeks does not count.
    public func hasOpen(shop: ShopID, customerID: Int64, since: Date) async throws -> Bool {
        try await sql.raw(
            """
            SELECT 1 AS found FROM conversations
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) AND status <> 'resolved'
                AND merged_into_id IS NULL AND last_message_at >= \(bind: since)
            LIMIT 1
            """
        ).first() != nil
    }

    public func find(shop: ShopID, id: Int64) async throws -> Conversation? {
        try await one("SELECT * FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
    }

    public func find(shop: ShopID, publicID: String) async throws -> Conversation? {
        try await one("SELECT * FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
    }

    /// The conversation shown to customers as `[#number]`.
    public func find(shop: ShopID, number: Int64) async throws -> Conversation? {
        try await one("SELECT * FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND number = \(bind: number)")
    }

    /// The conversation whose reply address carries `token`.
    public func find(shop: ShopID, replyToken: String) async throws -> Conversation? {
        try await one("SELECT * FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND reply_token = \(bind: replyToken)")
    }

    /// A page of the inbox, newest first, after the conversation with id `after`.
    public func list(shop: ShopID, filter: ConversationFilter, after: Int64?, limit: Int) async throws -> [ConversationSummary] {
        let words = filter.search.map(SearchText.words) ?? []
        let postgres = sql.isPostgres
        let source = words.isEmpty ? "conversations c" : SearchRepository.source(postgres: postgres)
        var query = Self.summarySelect(viewer: filter.viewer, from: source)
        query += " WHERE c.shop_id = \(bind: shop.rawValue) AND c.merged_into_id IS NULL"
        if let status = filter.status { query += " AND c.status = \(bind: status.rawValue)" }
        if let assignee = filter.assigneeID { query += " AND c.assignee_id = \(bind: assignee)" }
        if filter.unassigned { query += " AND c.assignee_id IS NULL" }
        if let customer = filter.customerID { query += " AND c.customer_id = \(bind: customer)" }
        if let channel = filter.channel { query += " AND c.channel = \(bind: channel.rawValue)" }
        if let priority = filter.priority { query += " AND c.priority = \(bind: priority.rawValue)" }
        if let team = filter.team { query += " AND c.team = \(bind: team)" }
        if let since = filter.updatedSince { query += " AND c.updated_at >= \(bind: since)" }
        if let after = filter.slaDueAfter { query += " AND c.sla_due_at > \(bind: after)" }
        if let before = filter.slaDueBefore { query += " AND c.sla_due_at <= \(bind: before)" }
        if let tag = filter.tag {
            query += " AND EXISTS (SELECT 1 FROM conversation_tags t WHERE t.conversation_id = c.id AND t.tag = \(bind: tag))"
        }
        let order: SQLQueryString = words.isEmpty ? "c.id" : SearchRepository.order(postgres: postgres)
        if !words.isEmpty { query += " AND " + SearchRepository.condition(shop: shop, words: words, postgres: postgres) }
        if let after { query += " AND " + order + " < \(bind: after)" }
        query += " ORDER BY " + order + " DESC LIMIT \(bind: limit)"
        return try await withTags(shop: shop, try await sql.raw(query).all().map(Self.summary))
    }

    /// One conversation with the public names of its customer and assignee.
    public func summary(shop: ShopID, publicID: String, viewer: Int64? = nil) async throws -> ConversationSummary? {
        let found = try await sql.raw(
            Self.summarySelect(viewer: viewer, from: "conversations c")
                + " WHERE c.shop_id = \(bind: shop.rawValue) AND c.public_id = \(bind: publicID)"
        ).first().map(Self.summary)
        return try await withTags(shop: shop, found.map { [$0] } ?? []).first
    }

    /// The conversation's history (status changes, merges, splits), oldest first.
    public func events(shop: ShopID, conversationID: Int64) async throws -> [ConversationEvent] {
        try await sql.raw(
            """
            SELECT * FROM conversation_events WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)
            ORDER BY id
            """
        ).all().map { row in
            ConversationEvent(
                id: try row.value("id"), kind: try row.value("kind"), agentID: try row.value("agent_id"),
                detail: try row.value("detail"), occurredAt: try row.value("occurred_at"))
        }
    }

    /// Conversations `c` with the names they point to, read from `source` (the table, or the search index joined to it).
    private static func summarySelect(viewer: Int64?, from source: SQLQueryString) -> SQLQueryString {
        """
        SELECT c.*, cu.public_id AS customer_public_id, cu.name AS customer_name, a.email AS assignee_email,
            a.name AS assignee_name, m.public_id AS merged_into_public_id,
            (SELECT substr(p.clean_text, 1, 160) FROM conversation_messages p
                WHERE p.shop_id = c.shop_id AND p.conversation_id = c.id AND p.kind IN ('incoming', 'reply')
                ORDER BY p.id DESC LIMIT 1) AS preview,
            (SELECT r.read_at FROM conversation_reads r WHERE r.conversation_id = c.id AND r.agent_id = \(bind: viewer ?? -1)) AS read_at
        FROM \(source) LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN agents a ON a.id = c.assignee_id
        LEFT JOIN conversations m ON m.id = c.merged_into_id
        """
    }

    private func withTags(shop: ShopID, _ summaries: [ConversationSummary]) async throws -> [ConversationSummary] {
        let tags = try await tags(shop: shop, conversationIDs: summaries.map(\.conversation.id))
        return summaries.map { summary in
            var tagged = summary
            tagged.tags = tags[summary.conversation.id] ?? []
            return tagged
        }
    }

    private static func summary(_ row: any SQLRow) throws -> ConversationSummary {
        ConversationSummary(
            conversation: try conversation(row), customerPublicID: try row.value("customer_public_id"),
            assigneeEmail: try row.value("assignee_email"), mergedIntoPublicID: try row.value("merged_into_public_id"), tags: [],
            customerName: try row.value("customer_name"), assigneeName: try row.value("assignee_name"), preview: try row.value("preview"),
            readAt: try row.value("read_at"))
    }

    /// The customer's conversations with this normalized subject, most recently active first.
    public func withSubject(shop: ShopID, customerID: Int64, normalizedSubject: String) async throws -> [Conversation] {
        try await sql.raw(
            """
            SELECT * FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)
                AND normalized_subject = \(bind: normalizedSubject) ORDER BY last_message_at DESC LIMIT 20
            """
        ).all().map(Self.conversation)
    }

    /// The conversations holding messages with these Message-IDs, received or sent, by Message-ID.
    /// Parley's own Message-IDs are `publicID@domain`, so a sent message is found by its public id
    /// even when the shop's sending domain has changed since.
    public func byMessageIDs(shop: ShopID, _ messageIDs: [String]) async throws -> [String: Int64] {
        guard !messageIDs.isEmpty else { return [:] }
        var found: [String: Int64] = [:]
        for messageID in Set(messageIDs) {
            let row = try await sql.raw(
                """
                SELECT conversation_id FROM conversation_messages WHERE shop_id = \(bind: shop.rawValue)
                    AND message_id = \(bind: messageID)
                UNION ALL
                SELECT conversation_id FROM messages WHERE shop_id = \(bind: shop.rawValue) AND conversation_id IS NOT NULL
                    AND (message_id = \(bind: messageID) OR public_id = \(bind: Self.localPart(messageID)))
                """
            ).first()
            if let row { found[messageID] = try row.value("conversation_id") }
        }
        return found
    }

    /// Everyone who wrote in or was written to, as lower-case addresses.
    public func participants(shop: ShopID, conversationID: Int64) async throws -> Set<String> {
        let rows = try await sql.raw(
            """
            SELECT address FROM conversation_participants WHERE shop_id = \(bind: shop.rawValue)
                AND conversation_id = \(bind: conversationID)
            """
        ).all()
        return Set(try rows.map { try $0.value("address", as: String.self) })
    }

    public func addParticipants(shop: ShopID, conversationID: Int64, _ addresses: [String]) async throws {
        for address in Set(addresses.map { $0.lowercased() }) where !address.isEmpty {
            try await sql.raw(
                """
                INSERT INTO conversation_participants (shop_id, conversation_id, address)
                VALUES (\(bind: shop.rawValue), \(bind: conversationID), \(bind: address)) ON CONFLICT DO NOTHING
                """
            ).run()
        }
    }

    /// The tags of these conversations, sorted, by conversation id.
    public func tags(shop: ShopID, conversationIDs: [Int64]) async throws -> [Int64: [String]] {
        guard !conversationIDs.isEmpty else { return [:] }
        let rows = try await sql.raw(
            """
            SELECT conversation_id, tag FROM conversation_tags WHERE shop_id = \(bind: shop.rawValue)
                AND conversation_id IN (\(binds: conversationIDs)) ORDER BY tag
            """
        ).all()
        var tags: [Int64: [String]] = [:]
        for row in rows { tags[try row.value("conversation_id"), default: []].append(try row.value("tag")) }
        return tags
    }

    /// Replaces the conversation's tags.
    public func setTags(shop: ShopID, conversationID: Int64, _ tags: Set<String>) async throws {
        try await sql.raw(
            "DELETE FROM conversation_tags WHERE shop_id = \(bind: shop.rawValue) AND conversation_id = \(bind: conversationID)"
        ).run()
        for tag in tags.sorted() {
            try await sql.raw(
                """
                INSERT INTO conversation_tags (shop_id, conversation_id, tag)
                VALUES (\(bind: shop.rawValue), \(bind: conversationID), \(bind: tag))
                """
            ).run()
        }
    }

    /// Saves the fields an agent or a rule can change, and the SLA clocks with their next deadline;
    /// with `stored` (the row as this transaction read it), only those that changed. SQLite rewrites
    /// the entry of every index on a column an `UPDATE` names, even to the same value, and a
    /// conversation has a dozen: a chat message changes two of its fields. Nor is another writer's
    /// change to a field this one left alone written back.
    ///
    /// The search document is not written again here: no change made through here touches the
    /// subject or the customer, which are what it holds besides the messages. Use cases call
    /// `DatabaseSession.save` (in ParleyServices), which also schedules the conversation's next deadline.
    public func update(_ conversation: Conversation, was stored: Conversation? = nil, now: Date) async throws {
        var changes: [SQLQueryString] = []
        func change<Value: Equatable & Encodable & Sendable>(_ column: String, _ keyPath: KeyPath<Conversation, Value>) {
            if let stored, stored[keyPath: keyPath] == conversation[keyPath: keyPath] { return }
            changes.append("\(ident: column) = \(bind: conversation[keyPath: keyPath])")
        }
        change("customer_id", \.customerID)
        change("subject", \.subject)
        change("status", \.status.rawValue)
        change("priority", \.priority.rawValue)
        change("assignee_id", \.assigneeID)
        change("team", \.team)
        change("snoozed_until", \.snoozedUntil)
        change("merged_into_id", \.mergedIntoID)
        change("last_message_at", \.lastMessageAt)
        if stored == nil || stored?.sla != conversation.sla {
            let clock = try conversation.sla.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
            changes.append("sla_clock = \(bind: clock)")
            change("sla_due_at", \.sla?.nextDeadline)
        }
        // A conversation this transaction inserted (or saved already) holds nothing new to write. The
        // stored time is `now` to the microsecond the database keeps.
        if changes.isEmpty, let stored, now.timeIntervalSince(stored.updatedAt) < 0.001 { return }
        changes.append("updated_at = \(bind: now)")
        try await sql.raw(
            """
            UPDATE conversations SET \(changes.joined(separator: ", "))
            WHERE shop_id = \(bind: conversation.shopID.rawValue) AND id = \(bind: conversation.id)
            """
        ).run()
    }

    /// Appends to the conversation's audit trail (status changes, merges, splits), so each can be undone.
    public func recordEvent(shop: ShopID, conversationID: Int64, kind: String, agentID: Int64?, detail: String?, now: Date)
        async throws
    {
        try await sql.raw(
            """
            INSERT INTO conversation_events (shop_id, conversation_id, kind, agent_id, detail, occurred_at)
            VALUES (\(bind: shop.rawValue), \(bind: conversationID), \(bind: kind), \(bind: agentID), \(bind: detail), \(bind: now))
            """
        ).run()
    }

    private static func localPart(_ messageID: String) -> String {
        String(messageID.prefix { $0 != "@" })
    }

    /// Clocks written by a later version that this one cannot read are dropped rather than failing the conversation.
    private static func slaClock(_ row: any SQLRow) throws -> SLAClock? {
        guard let json = try row.value("sla_clock", as: String?.self) else { return nil }
        return try? JSONDecoder().decode(SLAClock.self, from: Data(json.utf8))
    }

    private func one(_ query: SQLQueryString) async throws -> Conversation? {
        try await sql.raw(query).first().map(Self.conversation)
    }

    private static func conversation(_ row: any SQLRow) throws -> Conversation {
        func decoded<T: RawRepresentable<String>>(_ column: String, as: T.Type) throws -> T {
            guard let value = T(rawValue: try row.value(column)) else {
                throw StoreError.undecodable(column: column, underlying: "unknown value")
            }
            return value
        }
        return Conversation(
            id: try row.value("id"), shopID: try row.shopID, number: try row.value("number"), publicID: try row.value("public_id"),
            replyToken: try row.value("reply_token"), customerID: try row.value("customer_id"),
            channel: try decoded("channel", as: ConversationChannel.self), subject: try row.value("subject"),
            status: try decoded("status", as: ConversationStatus.self),
            priority: try decoded("priority", as: ConversationPriority.self), assigneeID: try row.value("assignee_id"),
            team: try row.value("team"), snoozedUntil: try row.value("snoozed_until"), mergedIntoID: try row.value("merged_into_id"),
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"),
            lastMessageAt: try row.value("last_message_at"), sla: try slaClock(row))
    }
}

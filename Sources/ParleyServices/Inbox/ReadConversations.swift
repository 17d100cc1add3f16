import Foundation
import ParleyCore
import ParleyStore

/// Reads conversations, their messages, attachments and original emails.
public struct ReadConversations: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    /// A page of the inbox, newest first: by status, assignee (an agent's email, or nobody),
    /// customer (public id) and tag.
    public func list(
        shop: ShopID, status: ConversationStatus?, assignee: ConversationChanges.Assignee?, customer: String?, tag: String?,
        updatedSince: Date? = nil, cursor: String?, limit: Int
    ) async throws -> Page<ConversationSummary> {
        let after = try cursor.map { try Cursor.decode($0) }
        _ = try PageSize.checked(limit)
        let found = try await database.read { sql in
            var filter = ConversationFilter(status: status, unassigned: assignee == .nobody, tag: tag?.lowercased())
            filter.updatedSince = updatedSince
            if case .agent(let email) = assignee {
                guard let agent = try await AgentRepository(sql).find(shop: shop, email: email.lowercased()) else {
                    throw InboxReadError.notAnAgent(email: email)
                }
                filter.assigneeID = agent.agent.id
            }
            if let customer {
                guard let found = try await CustomerRepository(sql).find(shop: shop, publicID: customer) else {
                    throw InboxReadError.customerNotFound(customer)
                }
                filter.customerID = found.id
            }
            return try await ConversationRepository(sql).list(shop: shop, filter: filter, after: after, limit: limit + 1)
        }
        return Page(fetched: found, limit: limit, position: \.conversation.id)
    }

    public func conversation(shop: ShopID, publicID: String) async throws -> ConversationSummary {
        let found = try await database.read { sql in
            try await ConversationRepository(sql).summary(shop: shop, publicID: publicID)
        }
        guard let found else { throw InboxReadError.conversationNotFound(publicID) }
        return found
    }

    /// The public id of the conversation with internal id `conversationID`, for links.
    public func publicID(shop: ShopID, conversationID: Int64) async throws -> String? {
        try await database.read { sql in
            try await ConversationRepository(sql).find(shop: shop, id: conversationID)?.publicID
        }
    }

    /// The public id of the conversation the shop numbers `number` (`[#12]`).
    public func publicID(shop: ShopID, number: Int64) async throws -> String? {
        try await database.read { sql in try await ConversationRepository(sql).find(shop: shop, number: number)?.publicID }
    }

    /// The conversation's messages, oldest first, with their attachments and delivery states.
    public func messages(shop: ShopID, conversation publicID: String) async throws -> [ConversationMessageDetails] {
        try await database.read { sql in
            guard let conversation = try await ConversationRepository(sql).find(shop: shop, publicID: publicID) else {
                throw InboxReadError.conversationNotFound(publicID)
            }
            let messages = try await ConversationMessageRepository(sql).list(shop: shop, conversationID: conversation.id)
            return try await Self.details(of: messages, shop: shop, conversationID: conversation.id, sql)
        }
    }

    /// One message of the conversation, as `messages` shows it: what a reply or a note just written
    /// is answered with, without reading the whole thread again.
    public func message(shop: ShopID, conversation publicID: String, id: Int64) async throws -> ConversationMessageDetails {
        try await database.read { sql in
            guard let conversation = try await ConversationRepository(sql).find(shop: shop, publicID: publicID),
                let message = try await ConversationMessageRepository(sql).find(shop: shop, id: id),
                message.conversationID == conversation.id,
                let details = try await Self.details(of: [message], shop: shop, conversationID: conversation.id, sql).first
            else { throw InboxReadError.messageNotFound(String(id), conversation: publicID) }
            return details
        }
    }

    private static func details(of messages: [ConversationMessage], shop: ShopID, conversationID: Int64, _ sql: DatabaseSession)
        async throws -> [ConversationMessageDetails]
    {
        let attachments = try await AttachmentRepository(sql).list(shop: shop, conversationMessageIDs: messages.map(\.id))
        let calls = try await PhoneCallRepository(sql).calls(shop: shop, conversationID: conversationID)
        // One query each for the thread's deliveries and originals, whatever its length.
        let deliveries = try await MessageRepository(sql).find(shop: shop, ids: messages.compactMap(\.outboundMessageID))
        let originals = try await InboundMailRepository(sql).publicIDs(shop: shop, ids: messages.compactMap(\.inboundMailID))
        let files = Dictionary(grouping: attachments, by: \.conversationMessageID)
        return messages.map { message in
            ConversationMessageDetails(
                message: message, attachments: files[message.id] ?? [], delivery: message.outboundMessageID.flatMap { deliveries[$0] },
                original: message.inboundMailID.flatMap { originals[$0] }, call: calls[message.id])
        }
    }

    /// Conversations that are likely the same matter as this one, to suggest merging: the same
    /// customer, active within two weeks of it, with the same normalized subject or the same first words.
    public func duplicates(shop: ShopID, conversation publicID: String) async throws -> [ConversationSummary] {
        try await database.read { sql in
            let conversations = ConversationRepository(sql)
            let messages = ConversationMessageRepository(sql)
            guard let summary = try await conversations.summary(shop: shop, publicID: publicID) else {
                throw InboxReadError.conversationNotFound(publicID)
            }
            let conversation = summary.conversation
            guard let customerID = conversation.customerID else { return [] }
            let subject = SubjectLine.normalized(conversation.subject)
            let opening = try await messages.list(shop: shop, conversationID: conversation.id, limit: 1).first?.text
            var found: [ConversationSummary] = []
            for other in try await conversations.list(
                shop: shop, filter: ConversationFilter(customerID: customerID), after: nil, limit: 50)
            where other.conversation.id != conversation.id
                && abs(other.conversation.lastMessageAt.timeIntervalSince(conversation.lastMessageAt)) <= 14 * 86400
            {
                let sameSubject = !subject.isEmpty && SubjectLine.normalized(other.conversation.subject) == subject
                let otherOpening = try await messages.list(shop: shop, conversationID: other.conversation.id, limit: 1).first?.text
                if sameSubject || (opening != nil && otherOpening == opening) { found.append(other) }
            }
            return found
        }
    }

    /// The conversation's history: status changes, assignments, merges and splits.
    public func events(shop: ShopID, conversation publicID: String) async throws -> [ConversationEvent] {
        try await database.read { sql in
            guard let conversation = try await ConversationRepository(sql).find(shop: shop, publicID: publicID) else {
                throw InboxReadError.conversationNotFound(publicID)
            }
            return try await ConversationRepository(sql).events(shop: shop, conversationID: conversation.id)
        }
    }

    /// One message of a conversation, by its public id.
    public func message(shop: ShopID, publicID: String) async throws -> ConversationMessage {
        let found = try await database.read { sql in
            try await ConversationMessageRepository(sql).find(shop: shop, publicID: publicID)
        }
        guard let found else { throw InboxReadError.messageNotFound(publicID, conversation: nil) }
        return found
    }

    /// An attachment with its bytes.
    public func attachment(shop: ShopID, publicID: String) async throws -> (info: AttachmentInfo, data: [UInt8]) {
        let found = try await database.read { sql in try await AttachmentRepository(sql).find(shop: shop, publicID: publicID) }
        guard let found else { throw InboxReadError.attachmentNotFound(publicID) }
        return found
    }

    /// A received email exactly as it arrived.
    public func original(shop: ShopID, publicID: String) async throws -> InboundMail {
        let found = try await database.read { sql in try await InboundMailRepository(sql).find(shop: shop, publicID: publicID) }
        guard let found else { throw InboxReadError.emailNotFound(publicID) }
        return found
    }
}

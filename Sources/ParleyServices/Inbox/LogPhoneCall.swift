import Foundation
import ParleyCore
import ParleyStore

/// An agent logs a phone call: into the conversation it was about, or, logged on a customer, as a
/// new phone conversation of theirs. A call the shop made and the customer answered is an answer
/// (the response clock stops); a call from the customer asks something (the conversation is open).
public struct LogPhoneCall: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Where the call goes.
    public enum Target: Sendable {
        case conversation(String)
        case customer(String)
    }

    /// The call as a message of its conversation; returns the conversation's public id and the message.
    public func callAsFunction(shop: ShopID, _ target: Target, call: PhoneCall, note: String, agentID: Int64?, subject: String)
        async throws -> (conversation: String, message: ConversationMessage)
    {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        try Validation.text(note, field: "note", limit: Validation.Limit.text, multiline: true)
        guard (0...86_400).contains(call.durationSeconds) else {
            throw InvalidInput(field: "duration", reason: "must be between 0 and 24 hours")
        }
        let now = clock.now()
        return try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            var conversation: Conversation
            var stored: Conversation?
            switch target {
            case .conversation(let publicID):
                guard let found = try await conversations.find(shop: shop, publicID: publicID), found.mergedIntoID == nil else {
                    throw InboxReadError.conversationNotFound(publicID)
                }
                (conversation, stored) = (found, found)
            case .customer(let publicID):
                guard let customer = try await CustomerRepository(sql).find(shop: shop, publicID: publicID), customer.erasedAt == nil
                else { throw CustomerError.customerNotFound(publicID) }
                conversation = try await sql.insertConversation(
                    shop: shop, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                    NewConversation(
                        customerID: customer.id, channel: .phone, subject: subject,
                        normalizedSubject: SubjectLine.normalized(subject)),
                    now: now)
            }
            let message = try await sql.insertMessage(
                shop: shop, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(
                    kind: .call, channel: .phone, customerID: conversation.customerID, agentID: agentID, text: note, bodyText: note),
                now: now)
            try await PhoneCallRepository(sql).insert(shop: shop, conversationMessageID: message.id, call)
            switch (call.direction, call.outcome) {
            case (.outbound, .answered): conversation.shopReplied(at: now)
            case (.inbound, _), (_, .callbackRequested):
                conversation.customerWrote(at: now, policy: try await ShopSLA.policy(shop: shop, priority: conversation.priority, on: sql))
                conversation.setStatus(.open, at: now)
            default: break
            }
            if conversation.assigneeID == nil { conversation.assigneeID = agentID }
            conversation.lastMessageAt = now
            try await sql.save(conversation, was: stored, now: now)
            return (conversation.publicID, message)
        }
    }
}

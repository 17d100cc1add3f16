import Foundation
import ParleyCore
import ParleyStore

/// On channels where customers write without a subject (SMS, messengers), a message joins the
/// customer's latest conversation there, opened again, unless that one was resolved longer than
/// `freshFor` ago: then it is a new matter and a new conversation opens.
enum ContinuingConversation {
    /// How long after being resolved a conversation still takes the customer's next message.
    static let freshFor: TimeInterval = 7 * 86400

    /// `latest`, open again (the reopening noted in its history), or nil when a new conversation should open.
    static func continued(_ latest: Conversation?, on sql: DatabaseSession, now: Date) async throws -> Conversation? {
        guard var conversation = latest, conversation.status != .resolved || now.timeIntervalSince(conversation.lastMessageAt) <= freshFor
        else { return nil }
        if conversation.status == .resolved {
            try await ConversationRepository(sql).recordEvent(
                shop: conversation.shopID, conversationID: conversation.id, kind: "reopened", agentID: nil,
                detail: "the customer wrote again", now: now)
        }
        conversation.setStatus(.open, at: now)
        return conversation
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// The one way a use case writes a conversation back: the row, the job that wakes it at its
/// next deadline (an SLA due time or the end of a snooze, `ConversationTimers`). Writing through
/// `ConversationRepository.update` alone would leave a new deadline unwatched.
extension DatabaseSession {
    /// Saves `conversation` and schedules its earliest deadline. With `stored` (the conversation as
    /// this transaction read it) only what changed is written, and a deadline it already had is not
    /// scheduled again: the save that set it did.
    func save(_ conversation: Conversation, was stored: Conversation? = nil, now: Date) async throws {
        try await ConversationRepository(self).update(conversation, was: stored, now: now)
        if let stored { try await announce(conversation, was: stored, now: now) }
        guard let next = ConversationTimers.nextDeadline(conversation), stored.flatMap(ConversationTimers.nextDeadline) != next else {
            return
        }
        try await ConversationTimers.schedule(conversation, at: next, on: self, now: now)
    }

    /// Saves `conversation` after the customer wrote at `now`: the shop's response clocks run from then.
    func save(_ conversation: inout Conversation, customerWroteAt now: Date, was stored: Conversation? = nil) async throws {
        conversation.lastMessageAt = now
        conversation.customerWrote(
            at: now, policy: try await ShopSLA.policy(shop: conversation.shopID, priority: conversation.priority, on: self))
        try await save(conversation, was: stored, now: now)
    }

    /// Queues `conversation.assigned` and `conversation.resolved` for the shop's webhooks when the
    /// save makes them true.
    private func announce(_ conversation: Conversation, was stored: Conversation, now: Date) async throws {
        var events: [WebhookEventType] = []
        if let assignee = conversation.assigneeID, assignee != stored.assigneeID { events.append(.conversationAssigned) }
        if conversation.status == .resolved, stored.status != .resolved { events.append(.conversationResolved) }
        for type in events {
            try await WebhookOutbox.emit(type, shop: conversation.shopID, on: self, now: now) {
                (
                    conversation.customerID,
                    WebhookData.ConversationEvent(conversation: try await WebhookData.conversation(conversation, on: self))
                )
            }
        }
    }
}

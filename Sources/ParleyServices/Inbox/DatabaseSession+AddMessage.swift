import Foundation
import ParleyCore
import ParleyStore

/// The one way a use case opens a conversation or adds a message to one, so the shop's webhooks hear
/// of every conversation and message, on whatever channel it came.
extension DatabaseSession {
    /// Stores a new conversation and queues `conversation.created` for the shop's webhooks.
    func insertConversation(shop: ShopID, publicID: String, replyToken: String, _ new: NewConversation, now: Date) async throws
        -> Conversation
    {
        let conversation = try await ConversationRepository(self).insert(
            shop: shop, publicID: publicID, replyToken: replyToken, new, now: now)
        try await WebhookOutbox.emit(.conversationCreated, shop: shop, on: self, now: now) {
            (
                conversation.customerID,
                WebhookData.ConversationEvent(conversation: try await WebhookData.conversation(conversation, on: self))
            )
        }
        return conversation
    }

    /// Stores a message in a conversation and queues `message.created` for the shop's webhooks.
    func insertMessage(shop: ShopID, conversationID: Int64, publicID: String, _ message: NewConversationMessage, now: Date)
        async throws -> ConversationMessage
    {
        let stored = try await ConversationMessageRepository(self).insert(
            shop: shop, conversationID: conversationID, publicID: publicID, message, now: now)
        // The conversation is read only when a webhook will hear of the message.
        try await WebhookOutbox.emit(.messageCreated, shop: shop, on: self, now: now) {
            guard let conversation = try await ConversationRepository(self).find(shop: shop, id: conversationID) else {
                throw StoreError.missingRow("conversation \(conversationID)")
            }
            return (
                conversation.customerID,
                WebhookData.MessageEvent(
                    message: try await WebhookData.message(stored, on: self),
                    conversation: try await WebhookData.conversation(conversation, on: self))
            )
        }
        return stored
    }
}

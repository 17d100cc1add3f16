import ParleyCore
import ParleyStore

extension ConversationRepository {
    /// `conversation` as the inbox and the API show it (customer, assignee, tags), read in the
    /// caller's transaction: what a use case that changed it returns, so no handler reads it again.
    func summary(of conversation: Conversation) async throws -> ConversationSummary {
        guard let found = try await summary(shop: conversation.shopID, publicID: conversation.publicID) else {
            throw InboxReadError.conversationNotFound(conversation.publicID)
        }
        return found
    }
}

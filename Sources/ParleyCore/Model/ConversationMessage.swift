import Foundation

/// One entry of a conversation: what a customer wrote, what the shop answered, a note between agents.
@dynamicMemberLookup
public struct ConversationMessage: Sendable, Equatable {
    /// Who wrote it and who sees it.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// From the customer (or whoever wrote in).
        case incoming
        /// An agent's answer, sent to the customer.
        case reply
        /// Between agents only; never sent.
        case note
        /// Parley's automatic acknowledgement.
        case autoReply = "auto_reply"
        /// A phone call an agent logged; its text is the agent's note.
        case call
        /// The chat assistant's answer, given without a person.
        case assistant
    }

    public let id: Int64
    public let shopID: ShopID
    public let conversationID: Int64
    public let publicID: String
    public let createdAt: Date
    /// What was written, by whom and how it arrived; its fields read as the message's own (`message.text`).
    public let content: NewConversationMessage

    public init(id: Int64, shopID: ShopID, conversationID: Int64, publicID: String, content: NewConversationMessage, createdAt: Date) {
        self.id = id
        self.shopID = shopID
        self.conversationID = conversationID
        self.publicID = publicID
        self.content = content
        self.createdAt = createdAt
    }

    public subscript<Value>(dynamicMember field: KeyPath<NewConversationMessage, Value>) -> Value { content[keyPath: field] }
}

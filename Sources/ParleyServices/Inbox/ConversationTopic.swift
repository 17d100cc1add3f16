/// The `topic` of messages sent in conversations, which also decides their `Auto-Submitted` header.
enum ConversationTopic {
    /// An agent's answer.
    static let reply = "conversation.reply"
    /// Parley's automatic "we have your message" answer.
    static let acknowledgement = "conversation.acknowledgement"
    /// The assistant's verified order status, answering a customer's email or text by itself.
    static let orderAnswer = "conversation.order_answer"
}

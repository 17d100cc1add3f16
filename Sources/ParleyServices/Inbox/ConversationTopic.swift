/// The `topic` of messages sent in conversations, which also decides their `Auto-Submitted` header.
enum ConversationTopic {
    /// An agent's answer.
    static let reply = "conversation.reply"
    /// Parley's automatic "we have your message" answer.
    static let acknowledgement = "conversation.acknowledgement"
}

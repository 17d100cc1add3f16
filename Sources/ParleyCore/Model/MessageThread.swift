import Foundation

/// Where a message belongs in a conversation, and the headers that keep the customer's mail
/// program showing it in the same thread.
public struct MessageThread: Sendable, Equatable {
    public var conversationID: Int64
    /// The Message-ID answered, without angle brackets.
    public var inReplyTo: String?
    /// The thread's Message-IDs, oldest first.
    public var references: [String]
    /// The address the customer's answer should go to (the conversation's reply address).
    public var replyTo: String?

    public init(conversationID: Int64, inReplyTo: String?, references: [String], replyTo: String?) {
        self.conversationID = conversationID
        self.inReplyTo = inReplyTo
        self.references = references
        self.replyTo = replyTo
    }
}

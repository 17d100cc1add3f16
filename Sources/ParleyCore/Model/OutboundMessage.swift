import Foundation

/// Where an outgoing message stands. `queued → sent → delivered`, or `bounced` / `failed`; a
/// message that had no channel at all is `unreachable`, kept so staff see why a customer heard nothing.
public enum MessageStatus: String, Sendable, Codable, CaseIterable {
    case queued, sent, delivered, bounced, failed, unreachable

    /// Later reports never move a message back (a late "sent" after "delivered").
    public func accepts(_ next: MessageStatus) -> Bool {
        switch (self, next) {
        case (.queued, _): return next != .queued
        case (.sent, .delivered), (.sent, .bounced), (.sent, .failed): return true
        case (.failed, .sent), (.failed, .delivered): return true  // a provider may report success after a transient error
        default: return false
        }
    }
}

/// A message Parley sends to a customer, on one channel, with its delivery state.
@dynamicMemberLookup
public struct OutboundMessage: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let publicID: String
    /// What it says, to whom and about what; its fields read as the message's own (`message.recipient`).
    public let content: NewMessage
    public var status: MessageStatus
    public var attempts: Int
    public var lastError: String?
    public var providerMessageID: String?
    public var providerResponse: String?
    public let createdAt: Date
    public var sentAt: Date?
    public var updatedAt: Date
    /// The shop setting a queued message waits for, after the shop's configuration kept it from going out.
    public var waitingForSetting: String?

    public init(
        id: Int64, shopID: ShopID, publicID: String, content: NewMessage, status: MessageStatus, attempts: Int, lastError: String?,
        providerMessageID: String?, providerResponse: String?, createdAt: Date, sentAt: Date?, updatedAt: Date,
        waitingForSetting: String? = nil
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.content = content
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.providerMessageID = providerMessageID
        self.providerResponse = providerResponse
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.updatedAt = updatedAt
        self.waitingForSetting = waitingForSetting
    }

    public subscript<Value>(dynamicMember field: KeyPath<NewMessage, Value>) -> Value { content[keyPath: field] }
}

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

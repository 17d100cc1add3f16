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
public struct OutboundMessage: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let publicID: String
    public let customerID: Int64
    public let orderID: Int64?
    /// Nil for an `unreachable` message.
    public let channel: Channel?
    /// `order.shipped`, `test`: what the message is about.
    public let topic: String
    public let locale: String
    public let recipient: String?
    public let subject: String?
    public let text: String
    public let html: String?
    /// The RFC 5322 Message-ID, fixed when queued so that a retry sends the same message.
    public let messageID: String?
    public var status: MessageStatus
    public var attempts: Int
    public var lastError: String?
    public var providerMessageID: String?
    public var providerResponse: String?
    public let createdAt: Date
    public var sentAt: Date?
    public var updatedAt: Date
    /// Set for a reply in a conversation: how the email threads with what the customer wrote.
    public var thread: MessageThread?
    /// The shop setting a queued message waits for, after the shop's configuration kept it from going out.
    public var waitingForSetting: String?

    public init(
        id: Int64, shopID: ShopID, publicID: String, customerID: Int64, orderID: Int64?, channel: Channel?, topic: String,
        locale: String, recipient: String?, subject: String?, text: String, html: String?, messageID: String?, status: MessageStatus,
        attempts: Int, lastError: String?, providerMessageID: String?, providerResponse: String?, createdAt: Date, sentAt: Date?,
        updatedAt: Date, thread: MessageThread? = nil, waitingForSetting: String? = nil
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.customerID = customerID
        self.orderID = orderID
        self.channel = channel
        self.topic = topic
        self.locale = locale
        self.recipient = recipient
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.providerMessageID = providerMessageID
        self.providerResponse = providerResponse
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.updatedAt = updatedAt
        self.thread = thread
        self.waitingForSetting = waitingForSetting
    }
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

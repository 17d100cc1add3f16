import Foundation

/// What a message to a customer says, to whom and about what: what is queued, and what a queued
/// `OutboundMessage` holds as its `content`.
public struct NewMessage: Sendable, Equatable {
    public var customerID: Int64
    public var orderID: Int64?
    /// Nil for an `unreachable` message.
    public var channel: Channel?
    /// `order.shipped`, `test`: what the message is about.
    public var topic: String
    public var locale: String
    public var recipient: String?
    public var subject: String?
    public var text: String
    public var html: String?
    /// The RFC 5322 Message-ID, fixed when queued so that a retry sends the same message.
    public var messageID: String?
    /// A second message with the same key in the shop is not queued again (`order:12:shipped:email`).
    public var dedupeKey: String?
    /// Set for a reply in a conversation: how the email threads with what the customer wrote.
    public var thread: MessageThread?
    /// After this a held message is given up instead of sent (an abandoned-cart reminder).
    public var expiresAt: Date?
    /// The one-click unsubscribe address (RFC 8058) a marketing email names in List-Unsubscribe.
    public var listUnsubscribe: String?

    public init(
        customerID: Int64, orderID: Int64?, channel: Channel?, topic: String, locale: String, recipient: String?, subject: String?,
        text: String, html: String?, messageID: String?, dedupeKey: String?, thread: MessageThread? = nil, expiresAt: Date? = nil,
        listUnsubscribe: String? = nil
    ) {
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
        self.dedupeKey = dedupeKey
        self.thread = thread
        self.expiresAt = expiresAt
        self.listUnsubscribe = listUnsubscribe
    }
}

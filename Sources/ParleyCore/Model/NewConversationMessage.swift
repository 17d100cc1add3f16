import Foundation

/// What a conversation message says and how it arrived: what is stored, and what a stored
/// `ConversationMessage` holds as its `content`.
public struct NewConversationMessage: Sendable, Equatable {
    public var kind: ConversationMessage.Kind
    public var channel: ConversationChannel
    public var customerID: Int64?
    public var agentID: Int64?
    /// The writer's address as it arrived (`Zofia Nowak <zofia@example.pl>`), for incoming mail.
    public var sender: String?
    public var subject: String?
    /// The new words only, without quoted history or signature.
    public var text: String
    /// The whole text part as received or sent.
    public var bodyText: String?
    /// The HTML part, sanitized for display.
    public var bodyHTML: String?
    public var quoted: String?
    public var signature: String?
    /// The RFC 5322 Message-ID, without angle brackets.
    public var messageID: String?
    /// The raw mail this came from, viewable as the original.
    public var inboundMailID: Int64?
    /// The delivery record of an email or SMS the shop sent.
    public var outboundMessageID: Int64?
    /// Why it joined this conversation (`inReplyTo`, `subjectToken`, …).
    public var threading: String?
    /// Something an agent should look at, such as a reply from an address not in the conversation.
    public var flag: String?
    /// The kind of machine that sent it (`autoReply`, `bounce`, …), nil for a person.
    public var machine: String?
    /// The chat widget's own id for a message it sent, so that sending it again stores it once.
    public var clientID: String?

    public init(
        kind: ConversationMessage.Kind, channel: ConversationChannel, customerID: Int64? = nil, agentID: Int64? = nil,
        sender: String? = nil, subject: String? = nil, text: String, bodyText: String? = nil, bodyHTML: String? = nil,
        quoted: String? = nil, signature: String? = nil, messageID: String? = nil, inboundMailID: Int64? = nil,
        outboundMessageID: Int64? = nil, threading: String? = nil, flag: String? = nil, machine: String? = nil,
        clientID: String? = nil
    ) {
        self.kind = kind
        self.channel = channel
        self.customerID = customerID
        self.agentID = agentID
        self.sender = sender
        self.subject = subject
        self.text = text
        self.bodyText = bodyText
        self.bodyHTML = bodyHTML
        self.quoted = quoted
        self.signature = signature
        self.messageID = messageID
        self.inboundMailID = inboundMailID
        self.outboundMessageID = outboundMessageID
        self.threading = threading
        self.flag = flag
        self.machine = machine
        self.clientID = clientID
    }
}

import Foundation

/// One entry of a conversation: what a customer wrote, what the shop answered, a note between agents.
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
    public let kind: Kind
    public let channel: ConversationChannel
    public let customerID: Int64?
    public let agentID: Int64?
    /// The writer's address as it arrived (`Zofia Nowak <zofia@example.pl>`), for incoming mail.
    public let sender: String?
    public let subject: String?
    /// The new words only, without quoted history or signature.
    public let text: String
    /// The whole text part as received or sent.
    public let bodyText: String?
    /// The HTML part, sanitized for display.
    public let bodyHTML: String?
    public let quoted: String?
    public let signature: String?
    /// The RFC 5322 Message-ID, without angle brackets.
    public let messageID: String?
    /// The raw mail this came from, viewable as the original.
    public let inboundMailID: Int64?
    /// The delivery record of an email or SMS the shop sent.
    public let outboundMessageID: Int64?
    /// Why it joined this conversation (`inReplyTo`, `subjectToken`, …).
    public let threading: String?
    /// Something an agent should look at, such as a reply from an address not in the conversation.
    public var flag: String?
    /// The kind of machine that sent it (`autoReply`, `bounce`, …), nil for a person.
    public let machine: String?
    public let createdAt: Date

    public init(
        id: Int64, shopID: ShopID, conversationID: Int64, publicID: String, kind: Kind, channel: ConversationChannel,
        customerID: Int64?, agentID: Int64?, sender: String?, subject: String?, text: String, bodyText: String?, bodyHTML: String?,
        quoted: String?, signature: String?, messageID: String?, inboundMailID: Int64?, outboundMessageID: Int64?,
        threading: String?, flag: String?, machine: String?, createdAt: Date
    ) {
        self.id = id
        self.shopID = shopID
        self.conversationID = conversationID
        self.publicID = publicID
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
        self.createdAt = createdAt
    }
}

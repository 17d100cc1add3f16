import Foundation

/// A message Parley sends: who to, what it says, and how it threads.
public struct OutgoingMail: Sendable, Equatable {
    public var from: EmailAddress
    public var to: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var text: String
    /// The HTML alternative; nil sends plain text only.
    public var html: String?
    /// Without angle brackets: `0f3c…@parley.example`.
    public var messageID: String
    public var inReplyTo: String?
    public var references: [String]
    public var date: Date
    /// Further headers, for example `Auto-Submitted: auto-generated` on automatic messages.
    public var extraHeaders: [(String, String)]

    public init(
        from: EmailAddress, to: [EmailAddress], replyTo: EmailAddress? = nil, subject: String, text: String, html: String? = nil,
        messageID: String, inReplyTo: String? = nil, references: [String] = [], date: Date, extraHeaders: [(String, String)] = []
    ) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.date = date
        self.extraHeaders = extraHeaders
    }

    public static func == (lhs: OutgoingMail, rhs: OutgoingMail) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.replyTo == rhs.replyTo && lhs.subject == rhs.subject && lhs.text == rhs.text
            && lhs.html == rhs.html && lhs.messageID == rhs.messageID && lhs.inReplyTo == rhs.inReplyTo && lhs.references == rhs.references
            && lhs.date == rhs.date && lhs.extraHeaders.map(\.0) == rhs.extraHeaders.map(\.0)
            && lhs.extraHeaders.map(\.1) == rhs.extraHeaders.map(\.1)
    }

    /// A fresh Message-ID under `domain`, unique without coordination between nodes.
    public static func makeMessageID(domain: String) -> String {
        UUID().uuidString.lowercased() + "@" + domain
    }
}

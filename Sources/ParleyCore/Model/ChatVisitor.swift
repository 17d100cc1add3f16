import Foundation

/// Someone chatting from the widget on a shop's pages. Their browser holds a secret token (only its
/// hash is stored), which is what lets it read and write this visitor's chats; a shop that signs
/// its customers in tells Parley who they are with a signed token, linking `customerID`.
public struct ChatVisitor: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    /// The opaque id used outside: `vis_…`.
    public let publicID: String
    public var customerID: Int64?
    public var locale: String?
    /// Where the chat continues by email when nobody answers live.
    public var email: String?
    public let createdAt: Date
    public var lastSeenAt: Date

    public init(
        id: Int64, shopID: ShopID, publicID: String, customerID: Int64?, locale: String?, email: String?, createdAt: Date,
        lastSeenAt: Date
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.customerID = customerID
        self.locale = locale
        self.email = email
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
    }
}

/// A chat conversation's live state: whose it is and who answers it.
public struct ChatThread: Sendable, Equatable {
    /// Who answers the visitor now.
    public enum Handler: String, Sendable, Codable {
        /// The assistant answers at once from the knowledge base and order data.
        case assistant
        /// The visitor asked for a person, or the assistant was unsure: agents answer.
        case person
    }

    public let conversationID: Int64
    public let shopID: ShopID
    public let visitorID: Int64
    public var handledBy: Handler
    /// The newest message the visitor has seen, for the agent's read indicator.
    public var visitorReadID: Int64
    /// The newest message already sent by email to a visitor who left.
    public var emailedID: Int64
    /// The assistant asked the visitor to prove an order is theirs: its number, "" while unknown.
    public var awaitingOrder: String?
    /// Proofs given that did not match, so that guessing soon reaches a person instead.
    public var proofAttempts: Int
    /// The page the chat started on.
    public var pageURL: String?
    public let createdAt: Date

    public init(
        conversationID: Int64, shopID: ShopID, visitorID: Int64, handledBy: Handler, visitorReadID: Int64, emailedID: Int64 = 0,
        awaitingOrder: String? = nil, proofAttempts: Int = 0, pageURL: String?, createdAt: Date
    ) {
        self.conversationID = conversationID
        self.shopID = shopID
        self.visitorID = visitorID
        self.handledBy = handledBy
        self.visitorReadID = visitorReadID
        self.emailedID = emailedID
        self.awaitingOrder = awaitingOrder
        self.proofAttempts = proofAttempts
        self.pageURL = pageURL
        self.createdAt = createdAt
    }
}

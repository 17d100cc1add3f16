import ParleyCore

/// What the assistant says to a customer's question, and what it is based on.
public struct AssistantAnswer: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A passage of a published help article answers the question.
        case article(AssistantArticle)
        /// The customer proved the order is theirs; `text` tells its stage and parcel.
        case orderStatus
        /// The question is about an order: the assistant first asks for proof that it is the
        /// customer's. Also the answer to a wrong proof, which never tells whether the order exists.
        case needsOrderVerification(orderNumber: String?)
        /// Nothing the shop wrote answers the question well enough.
        case unknown
    }

    public let kind: Kind
    /// The sentence the assistant says, in the customer's language.
    public let text: String
    /// How sure the assistant is, from 0 to 1; 1 for order answers, which come from the order.
    public let confidence: Double
    /// The language of `text` (a language Parley has a catalog for).
    public let language: String

    public init(kind: Kind, text: String, confidence: Double, language: String) {
        self.kind = kind
        self.text = text
        self.confidence = confidence
        self.language = language
    }
}

/// The article an answer quotes.
public struct AssistantArticle: Sendable, Equatable {
    /// The article's public id (`art_…`).
    public let id: String
    public let title: String
    /// Where the help page shows it, `/help/{shop}/{article}`.
    public let path: String
    /// The passage that answers, in plain text.
    public let passage: String

    public init(id: String, title: String, path: String, passage: String) {
        self.id = id
        self.title = title
        self.path = path
        self.passage = passage
    }
}

/// What shows that an order is the customer's: what they offer (the email address or postcode), or
/// who Parley already knows them to be.
public struct OrderProof: Sendable, Equatable {
    /// The order number as the customer knows it, with or without `#`.
    public var number: String?
    public var email: String?
    public var postcode: String?
    /// The customer the writer has proved to be by other means: a visitor the shop signed in, or the
    /// sender of an email or text from an address or phone that customer owns. Never taken from
    /// what the writer types.
    public var customerID: Int64?

    public init(number: String? = nil, email: String? = nil, postcode: String? = nil, customerID: Int64? = nil) {
        self.number = number
        self.email = email
        self.postcode = postcode
        self.customerID = customerID
    }
}

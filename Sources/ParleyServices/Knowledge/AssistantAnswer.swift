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

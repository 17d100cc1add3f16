/// Why an agent's reply (or its preview) was refused.
public enum ReplyError: UseCaseError, Equatable {
    case emptyText
    case conversationNotFound(String)
    /// The conversation was merged into another, where the answer belongs.
    case merged(String)
    case noEmailAddress(conversation: String)
    case noPhoneNumber(conversation: String)
    /// A conversation on an API channel whose customer has no sender id on it (the channel was removed, or the customer merged).
    case noBridgeRecipient(conversation: String)
    /// The message could not be put on the sending queue.
    case notQueued

    public var refusal: Refusal {
        switch self {
        case .emptyText: .invalid(field: "text")
        case .conversationNotFound: .notFound
        case .merged, .noEmailAddress, .noPhoneNumber, .noBridgeRecipient, .notQueued: .conflict
        }
    }

    public var description: String {
        switch self {
        case .emptyText: "text: write something to send"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        case .merged(let id): "conversation \(id) was merged into another; answer there"
        case .noEmailAddress(let id): "conversation \(id) has no customer email address to answer"
        case .noPhoneNumber(let id): "conversation \(id) has no customer phone number to text"
        case .noBridgeRecipient(let id): "conversation \(id) has no sender on its messenger channel to answer"
        case .notQueued: "the reply could not be queued"
        }
    }
}

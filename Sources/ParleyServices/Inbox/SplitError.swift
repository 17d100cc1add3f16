/// Why splitting messages off a conversation, or undoing a split, was refused.
public enum SplitError: UseCaseError, Equatable {
    case noMessages
    case conversationNotFound(String)
    case notAMessage(String, of: String)
    /// Every message would leave; at least one stays.
    case nothingLeft
    /// Undo of a conversation that was not split off another.
    case notSplit(String)

    public var refusal: Refusal {
        switch self {
        case .noMessages, .notAMessage, .nothingLeft: .invalid(field: "messages")
        case .conversationNotFound: .notFound
        case .notSplit: .conflict
        }
    }

    public var description: String {
        switch self {
        case .noMessages: "messages: name at least one message to split off"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        case .notAMessage(let message, let conversation): "messages: \(message) is not a message of conversation \(conversation)"
        case .nothingLeft: "messages: leave at least one message in the conversation"
        case .notSplit(let id): "conversation \(id) was not split off another"
        }
    }
}

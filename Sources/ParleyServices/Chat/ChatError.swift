/// Why a live chat request was refused.
public enum ChatError: UseCaseError, Equatable {
    /// Asked for something of a conversation before the visitor wrote.
    case noConversationYet

    public var refusal: Refusal { .conflict }

    public var description: String {
        switch self {
        case .noConversationYet: "the visitor has no conversation yet"
        }
    }
}

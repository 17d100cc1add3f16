/// Why a live chat request was refused.
public enum ChatError: UseCaseError, Equatable {
    /// Asked for something of a conversation before the visitor wrote.
    case noConversationYet
    /// A transcript asked for before anything was written.
    case nothingWrittenYet
    /// A transcript asked for before the visitor left an email address.
    case noEmailYet
    /// The page vouched for a signed-in customer, but the shop set no secret to check it with.
    case noIdentitySecret

    public var refusal: Refusal {
        switch self {
        case .noConversationYet: .conflict
        case .nothingWrittenYet: .invalid(field: "conversation")
        case .noEmailYet: .invalid(field: "email")
        case .noIdentitySecret: .invalid(field: "identity")
        }
    }

    public var description: String {
        switch self {
        case .noConversationYet: "the visitor has no conversation yet"
        case .nothingWrittenYet: "conversation: write something first"
        case .noEmailYet: "email: leave an email address first"
        case .noIdentitySecret: "identity: the shop has no widget.identity_secret to check it with"
        }
    }
}

/// Why reading the inbox (conversations, their messages, attachments and original emails) found
/// nothing, or could not take the filter asked for.
public enum InboxReadError: UseCaseError, Equatable {
    /// The assignee filter names someone who is not an agent of the shop.
    case notAnAgent(email: String)
    case customerNotFound(String)
    case conversationNotFound(String)
    case messageNotFound(String, conversation: String?)
    case attachmentNotFound(String)
    case emailNotFound(String)

    public var refusal: Refusal {
        switch self {
        case .notAnAgent: .invalid(field: "assignee")
        case .customerNotFound, .conversationNotFound, .messageNotFound, .attachmentNotFound, .emailNotFound: .notFound
        }
    }

    public var description: String {
        switch self {
        case .notAnAgent(let email): "assignee: \(email) is not an agent of this shop"
        case .customerNotFound(let id): "no customer \(id) in this shop"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        case .messageNotFound(let id, let conversation):
            conversation.map { "no message \(id) in conversation \($0) in this shop" } ?? "no message \(id) in this shop"
        case .attachmentNotFound(let id): "no attachment \(id) in this shop"
        case .emailNotFound(let id): "no email \(id) in this shop"
        }
    }
}

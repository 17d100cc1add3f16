/// Why an internal note was refused.
public enum AddNoteError: UseCaseError, Equatable {
    case emptyText
    case conversationNotFound(String)

    public var refusal: Refusal {
        switch self {
        case .emptyText: .invalid(field: "text")
        case .conversationNotFound: .notFound
        }
    }

    public var description: String {
        switch self {
        case .emptyText: "text: write something to note"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        }
    }
}

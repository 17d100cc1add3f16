/// Why merging two conversations, or undoing a merge, was refused.
public enum MergeError: UseCaseError, Equatable {
    case intoItself
    case conversationNotFound(String)
    case mergedAlready(String)
    /// The target was itself merged into another conversation, which is where to merge.
    case targetMerged(String)
    /// Undo of a conversation that is not merged.
    case notMerged(String)

    public var refusal: Refusal {
        switch self {
        case .intoItself: .invalid(field: "into")
        case .conversationNotFound: .notFound
        case .mergedAlready, .targetMerged, .notMerged: .conflict
        }
    }

    public var description: String {
        switch self {
        case .intoItself: "into: a conversation cannot be merged into itself"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        case .mergedAlready(let id): "conversation \(id) was merged already"
        case .targetMerged(let id): "conversation \(id) was merged into another; merge into that one"
        case .notMerged(let id): "conversation \(id) is not merged"
        }
    }
}

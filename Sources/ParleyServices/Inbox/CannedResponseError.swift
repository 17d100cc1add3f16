/// Why a canned response could not be saved or used; a field that cannot be taken is an
/// `InvalidInput` naming it.
public enum CannedResponseError: UseCaseError, Equatable {
    /// Another canned response has this shortcut; shortcuts are unique in a shop.
    case shortcutTaken(String)
    case responseNotFound(String)
    case noSuchShortcut(String)
    case conversationNotFound(String)

    public var refusal: Refusal {
        switch self {
        case .shortcutTaken: .conflict
        case .responseNotFound, .noSuchShortcut, .conversationNotFound: .notFound
        }
    }

    public var description: String {
        switch self {
        case .shortcutTaken(let shortcut): "a canned response with the shortcut \(shortcut) exists already"
        case .responseNotFound(let id): "no canned response \(id) in this shop"
        case .noSuchShortcut(let shortcut): "no canned response /\(shortcut) in this shop"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        }
    }
}

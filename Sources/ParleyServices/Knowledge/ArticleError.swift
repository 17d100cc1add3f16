/// Why a help article could not be read, changed or deleted; a field that cannot be taken is an
/// `InvalidInput` naming it.
public enum ArticleError: UseCaseError, Equatable {
    case articleNotFound(String)

    public var refusal: Refusal { .notFound }

    public var description: String {
        switch self {
        case .articleNotFound(let id): "no article \(id) in this shop"
        }
    }
}

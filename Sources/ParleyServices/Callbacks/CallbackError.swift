/// Why a change to a callback request was refused.
public enum CallbackError: UseCaseError, Equatable {
    case requestNotFound(String)
    /// It was called back or cancelled already.
    case notWaiting(String, status: String)

    public var refusal: Refusal {
        switch self {
        case .requestNotFound: .notFound
        case .notWaiting: .conflict
        }
    }

    public var description: String {
        switch self {
        case .requestNotFound(let id): "no callback request \(id) in this shop"
        case .notWaiting(let id, let status): "callback request \(id) is already \(status)"
        }
    }
}

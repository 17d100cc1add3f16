/// Why a change to a callback request was refused.
public enum CallbackError: UseCaseError, Equatable {
    case requestNotFound(String)
    /// It was called back or cancelled already.
    case notWaiting(String, status: String)
    /// The time asked for is not one offered, or was taken meanwhile.
    case timeNotOffered

    public var refusal: Refusal {
        switch self {
        case .requestNotFound: .notFound
        case .notWaiting: .conflict
        case .timeNotOffered: .invalid(field: "start")
        }
    }

    public var description: String {
        switch self {
        case .requestNotFound(let id): "no callback request \(id) in this shop"
        case .notWaiting(let id, let status): "callback request \(id) is already \(status)"
        case .timeNotOffered: "start: pick one of the offered times; that one is not (or no longer) free"
        }
    }
}

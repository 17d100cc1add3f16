/// Why a change to an API key was refused.
public enum ApiKeyError: UseCaseError, Equatable {
    case keyNotFound(String)
    case alreadyRevoked(String)

    public var refusal: Refusal {
        switch self {
        case .keyNotFound: .notFound
        case .alreadyRevoked: .conflict
        }
    }

    public var description: String {
        switch self {
        case .keyNotFound(let prefix): "no API key \(prefix) in this shop"
        case .alreadyRevoked(let label): "the API key \(label) is revoked already"
        }
    }
}

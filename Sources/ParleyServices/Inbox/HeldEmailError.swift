/// Why releasing, discarding or reading a received email was refused.
public enum HeldEmailError: UseCaseError, Equatable {
    case emailNotFound(String)
    /// Only a held email is released or discarded.
    case notHeld(String, status: String)

    public var refusal: Refusal {
        switch self {
        case .emailNotFound: .notFound
        case .notHeld: .conflict
        }
    }

    public var description: String {
        switch self {
        case .emailNotFound(let id): "no inbound email \(id) in this shop"
        case .notHeld(let id, let status): "inbound email \(id) is \(status), not held"
        }
    }
}

/// Why a team could not be made or changed; a name that cannot be taken is an `InvalidInput`.
public enum TeamError: UseCaseError, Equatable {
    case nameTaken(String)
    case teamNotFound(Int64)
    /// A member named is not an agent of the shop.
    case notAnAgent(Int64)

    public var refusal: Refusal {
        switch self {
        case .nameTaken: .conflict
        case .teamNotFound: .notFound
        case .notAnAgent: .invalid(field: "members")
        }
    }

    public var description: String {
        switch self {
        case .nameTaken(let name): "there is a team named \(name) already"
        case .teamNotFound(let id): "no team \(id) in this shop"
        case .notAnAgent(let id): "members: agent \(id) is not an agent of this shop"
        }
    }
}

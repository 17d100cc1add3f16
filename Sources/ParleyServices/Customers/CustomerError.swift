/// Why a use case about a customer (reading, editing, consent, export, erasure) was refused.
public enum CustomerError: UseCaseError, Equatable {
    case customerNotFound(String)
    /// The identities given name two or more customers, whom only a person may merge.
    case identitiesOfDifferentCustomers([String])

    public var refusal: Refusal {
        switch self {
        case .customerNotFound: .notFound
        case .identitiesOfDifferentCustomers: .conflict
        }
    }

    public var description: String {
        switch self {
        case .customerNotFound(let id): "no customer \(id) in this shop"
        case .identitiesOfDifferentCustomers(let ids):
            "these identities belong to different customers (\(ids.joined(separator: ", "))); merge them first"
        }
    }
}

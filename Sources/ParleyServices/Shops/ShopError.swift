/// Why a use case about a shop itself was refused.
public enum ShopError: UseCaseError, Equatable {
    case shopNotFound(String)
    case slugTaken(String)
    /// No shop on this installation receives mail for any of these addresses.
    case noShopForRecipients([String])

    public var refusal: Refusal {
        switch self {
        case .shopNotFound, .noShopForRecipients: .notFound
        case .slugTaken: .conflict
        }
    }

    public var description: String {
        switch self {
        case .shopNotFound(let shop): "no shop \(shop) on this installation"
        case .slugTaken(let slug): "a shop with slug \(slug) exists already"
        case .noShopForRecipients(let addresses): "no shop receives mail for \(addresses.joined(separator: ", "))"
        }
    }
}

/// Why claiming or confirming a support address, SMS number or domain was refused.
public enum RoutingError: UseCaseError, Equatable {
    /// A wrong shop, claim or signature alike, so the page tells nothing about what exists.
    case confirmationLinkNotFound
    case confirmedByAnotherShop(String)
    /// `setting` names a value another shop routes already.
    case heldByAnotherShop(setting: String, value: String)

    public var refusal: Refusal {
        switch self {
        case .confirmationLinkNotFound: .notFound
        case .confirmedByAnotherShop, .heldByAnotherShop: .conflict
        }
    }

    public var description: String {
        switch self {
        case .confirmationLinkNotFound: "no such confirmation link"
        case .confirmedByAnotherShop(let address): "\(address) was confirmed by another shop on this installation first"
        case .heldByAnotherShop(let setting, let value):
            "\(setting): \(value) belongs to another shop on this installation; one address, number or domain routes to one shop only"
        }
    }
}

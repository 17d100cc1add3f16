/// Why a change to an agent (their role, their two-step sign-in) was refused.
public enum AgentError: UseCaseError, Equatable {
    case agentNotFound(String)
    /// Only owners and administrators change roles.
    case mayNotChangeRoles
    /// Only an owner makes or unmakes owners.
    case onlyOwnersChangeOwners
    /// The shop's last owner keeps the role until someone else is made owner.
    case lastOwner

    public var refusal: Refusal {
        switch self {
        case .agentNotFound: .notFound
        case .mayNotChangeRoles, .onlyOwnersChangeOwners, .lastOwner: .invalid(field: "role")
        }
    }

    public var description: String {
        switch self {
        case .agentNotFound(let agent): "no agent \(agent) in this shop"
        case .mayNotChangeRoles: "role: only owners and administrators change roles"
        case .onlyOwnersChangeOwners: "role: only an owner makes or unmakes owners"
        case .lastOwner: "role: the shop needs an owner; make someone else owner first"
        }
    }
}

/// Why a change to an agent (their role, their two-step sign-in) was refused.
public enum AgentError: UseCaseError, Equatable {
    case agentNotFound(String)

    public var refusal: Refusal { .notFound }

    public var description: String {
        switch self {
        case .agentNotFound(let agent): "no agent \(agent) in this shop"
        }
    }
}

/// Why a change to a conversation's status, priority, assignee, team or tags was refused.
public enum UpdateConversationError: UseCaseError, Equatable {
    /// Snoozed without a time in the future to come back at.
    case snoozeNeedsFutureTime
    case conversationNotFound(String)
    case notAnAgent(email: String)
    /// No team of that name; `teams` are the shop's teams (none yet when empty).
    case unknownTeam(String, teams: [String])
    case tagTooLong(String)

    public var refusal: Refusal {
        switch self {
        case .snoozeNeedsFutureTime: .invalid(field: "snoozed_until")
        case .conversationNotFound: .notFound
        case .notAnAgent: .invalid(field: "assignee")
        case .unknownTeam: .invalid(field: "team")
        case .tagTooLong: .invalid(field: "tags")
        }
    }

    public var description: String {
        switch self {
        case .snoozeNeedsFutureTime: "snoozed_until: give a future time to bring the conversation back"
        case .conversationNotFound(let id): "no conversation \(id) in this shop"
        case .notAnAgent(let email): "assignee: \(email) is not an agent of this shop"
        case .unknownTeam(let team, let teams):
            teams.isEmpty
                ? "team: the shop has no teams yet; make them in the settings"
                : "team: no team named \(team); the teams are \(teams.joined(separator: ", "))"
        case .tagTooLong(let tag): "tags: \(tag) is longer than 50 characters"
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// What an agent changes about a conversation; nil leaves a field as it is.
public struct ConversationChanges: Sendable {
    /// Who works on it: an agent of the shop by email, or nobody.
    public enum Assignee: Sendable, Equatable {
        case agent(email: String)
        case nobody
    }

    public var status: ConversationStatus?
    public var priority: ConversationPriority?
    public var assignee: Assignee?
    /// The team that owns it; "" clears it.
    public var team: String?
    /// Required with `status: .snoozed`: when the conversation comes back.
    public var snoozedUntil: Date?
    /// Replaces the tags; they are trimmed and lower-cased.
    public var tags: [String]?

    public init(
        status: ConversationStatus? = nil, priority: ConversationPriority? = nil, assignee: Assignee? = nil, team: String? = nil,
        snoozedUntil: Date? = nil, tags: [String]? = nil
    ) {
        self.status = status
        self.priority = priority
        self.assignee = assignee
        self.team = team
        self.snoozedUntil = snoozedUntil
        self.tags = tags
    }
}

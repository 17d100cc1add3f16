import Foundation
import ParleyCore
import ParleyStore

/// What the inbox list shows: a view narrowed by status, channel, priority, tag and team.
public struct InboxQuery: Sendable, Equatable {
    public var view: InboxView
    /// Open by default; nil shows every status.
    public var status: ConversationStatus?
    public var channel: ConversationChannel?
    public var priority: ConversationPriority?
    public var tag: String?
    public var team: String?
    /// Words to find in subjects, messages and customers (any language, any case, with or without accents).
    public var search: String?

    public init(
        view: InboxView = .all, status: ConversationStatus? = .open, channel: ConversationChannel? = nil,
        priority: ConversationPriority? = nil, tag: String? = nil, team: String? = nil, search: String? = nil
    ) {
        self.view = view
        self.status = status
        self.channel = channel
        self.priority = priority
        self.tag = tag
        self.team = team
        self.search = search
    }
}

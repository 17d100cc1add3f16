import Foundation
import ParleyCore

/// Which conversations an inbox list shows.
public struct ConversationFilter: Sendable {
    public var status: ConversationStatus?
    public var assigneeID: Int64?
    public var customerID: Int64?
    public var unassigned: Bool
    public var tag: String?
    public var channel: ConversationChannel?
    public var priority: ConversationPriority?
    public var team: String?
    /// Only conversations whose next SLA deadline falls in this window (due soon, or already past).
    public var slaDueAfter: Date?
    public var slaDueBefore: Date?
    /// The agent whose unread state the summaries carry.
    public var viewer: Int64?
    /// Words that must each begin a word of the conversation's messages, subject or customer.
    public var search: String?
    /// Only conversations changed at or after this time (a new message changes its conversation).
    public var updatedSince: Date?

    public init(
        status: ConversationStatus? = nil, assigneeID: Int64? = nil, customerID: Int64? = nil, unassigned: Bool = false,
        tag: String? = nil, channel: ConversationChannel? = nil, priority: ConversationPriority? = nil, team: String? = nil,
        slaDueAfter: Date? = nil, slaDueBefore: Date? = nil, viewer: Int64? = nil, search: String? = nil
    ) {
        self.status = status
        self.assigneeID = assigneeID
        self.customerID = customerID
        self.unassigned = unassigned
        self.tag = tag
        self.channel = channel
        self.priority = priority
        self.team = team
        self.slaDueAfter = slaDueAfter
        self.slaDueBefore = slaDueBefore
        self.viewer = viewer
        self.search = search
    }
}

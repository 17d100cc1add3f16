import Foundation
import ParleyCore

/// How many open conversations each inbox view holds, for one agent.
public struct InboxCounts: Sendable, Equatable {
    public let mine: Int
    public let unassigned: Int
    public let all: Int
    public let dueSoon: Int
    public let breached: Int
    public let unread: Int

    public init(mine: Int, unassigned: Int, all: Int, dueSoon: Int, breached: Int, unread: Int) {
        self.mine = mine
        self.unassigned = unassigned
        self.all = all
        self.dueSoon = dueSoon
        self.breached = breached
        self.unread = unread
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// The agent application's inbox: the list for a view, the counts beside it, and what each agent has read.
public struct ReadInbox: Sendable {
    /// "Due soon" means an SLA deadline within this many seconds.
    public static let soon: TimeInterval = 3600
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// A page of `query`'s conversations as `agentID` sees them, newest first.
    public func page(shop: ShopID, agentID: Int64, _ query: InboxQuery, cursor: String?, limit: Int) async throws
        -> Page<ConversationSummary>
    {
        let now = clock.now()
        var filter = ConversationFilter(
            status: query.status, tag: query.tag?.lowercased(), channel: query.channel, priority: query.priority, team: query.team,
            viewer: agentID, search: query.search)
        switch query.view {
        case .mine: filter.assigneeID = agentID
        case .unassigned: filter.unassigned = true
        case .all: break
        case .dueSoon:
            filter.slaDueAfter = now
            filter.slaDueBefore = now.addingTimeInterval(Self.soon)
        case .breached: filter.slaDueBefore = now
        }
        return try await Page.read(cursor: cursor, limit: limit, position: \.conversation.id) { after, count in
            try await database.withConnection { sql in
                try await ConversationRepository(sql).list(shop: shop, filter: filter, after: after, limit: count)
            }
        }
    }

    /// How many open conversations each view holds for `agentID`.
    public func counts(shop: ShopID, agentID: Int64) async throws -> InboxCounts {
        let now = clock.now()
        return try await database.withConnection { sql in
            try await InboxCountsRepository(sql).counts(shop: shop, agentID: agentID, now: now, soon: now.addingTimeInterval(Self.soon))
        }
    }

    /// One conversation as `agentID` sees it; marks it read when `markRead`.
    public func open(shop: ShopID, agentID: Int64, conversation publicID: String, markRead: Bool) async throws -> ConversationSummary {
        let now = clock.now()
        return try await database.withConnection { sql in
            let conversations = ConversationRepository(sql)
            guard let found = try await conversations.summary(shop: shop, publicID: publicID, viewer: agentID) else {
                throw InboxReadError.conversationNotFound(publicID)
            }
            // Read already with nothing new since: nothing to write.
            if markRead, found.unread {
                try await InboxCountsRepository(sql).markRead(shop: shop, agentID: agentID, conversationID: found.conversation.id, now: now)
            }
            return found
        }
    }

    /// The shop's agents, to assign conversations to.
    public func agents(shop: ShopID) async throws -> [Agent] {
        try await database.withConnection { sql in try await AgentRepository(sql).list(shop: shop) }
    }
}

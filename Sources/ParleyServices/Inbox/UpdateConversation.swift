import Foundation
import ParleyCore
import ParleyStore

/// Changes the status, priority, assignee or team of a conversation; each change is kept in the
/// conversation's history with the agent who made it.
public struct UpdateConversation: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(shop: ShopID, conversation publicID: String, _ changes: ConversationChanges, agentID: Int64?)
        async throws -> ConversationSummary
    {
        let now = clock.now()
        if changes.status == .snoozed {
            guard let until = changes.snoozedUntil, until > now else {
                throw UpdateConversationError.snoozeNeedsFutureTime
            }
        }
        return try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            guard var conversation = try await conversations.find(shop: shop, publicID: publicID) else {
                throw UpdateConversationError.conversationNotFound(publicID)
            }
            let stored = conversation
            var changed: [(String, String)] = []
            if let status = changes.status, status != conversation.status {
                conversation.setStatus(status, at: now, snoozedUntil: changes.snoozedUntil)
                changed.append(("status", status.rawValue))
            }
            if let priority = changes.priority, priority != conversation.priority {
                conversation.setPriority(priority, at: now, policy: try await ShopSLA.policy(shop: shop, priority: priority, on: sql))
                changed.append(("priority", priority.rawValue))
            }
            switch changes.assignee {
            case .agent(let email):
                guard let agent = try await AgentRepository(sql).find(shop: shop, email: email.lowercased())?.agent else {
                    throw UpdateConversationError.notAnAgent(email: email)
                }
                if conversation.assigneeID != agent.id {
                    conversation.assigneeID = agent.id
                    changed.append(("assignee", agent.email))
                }
            case .nobody:
                if conversation.assigneeID != nil {
                    conversation.assigneeID = nil
                    changed.append(("assignee", ""))
                }
            case nil: break
            }
            if let team = changes.team, team != (conversation.team ?? "") {
                let teams = try await TeamRepository(sql).list(shop: shop).map(\.name)
                guard team.isEmpty || teams.contains(team) else {
                    throw UpdateConversationError.unknownTeam(team, teams: teams)
                }
                conversation.team = team.isEmpty ? nil : team
                changed.append(("team", team))
            }
            if let tags = changes.tags {
                let wanted = Set(tags.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
                if let long = wanted.first(where: { $0.count > 50 }) {
                    throw UpdateConversationError.tagTooLong(long)
                }
                let current = Set(try await conversations.tags(shop: shop, conversationIDs: [conversation.id])[conversation.id] ?? [])
                if wanted != current {
                    try await conversations.setTags(shop: shop, conversationID: conversation.id, wanted)
                    changed.append(("tags", wanted.sorted().joined(separator: ",")))
                }
            }
            guard !changed.isEmpty else { return try await ConversationRepository(sql).summary(of: conversation) }
            try await sql.save(conversation, was: stored, now: now)
            for (field, value) in changed {
                try await conversations.recordEvent(
                    shop: shop, conversationID: conversation.id, kind: "\(field).changed", agentID: agentID, detail: value, now: now)
            }
            return try await ConversationRepository(sql).summary(of: conversation)
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// What a merge or split moved, kept in both conversations' history so that it can be undone.
struct MessageMove: Codable {
    var messages: [Int64]
    var from: Int64
    var into: Int64
    /// The status the emptied conversation had, restored on undo.
    var previousStatus: String
    /// Its SLA clocks then, restored on undo so a deadline that ran on keeps running.
    var previousSLA: SLAClock?
}

/// Merges one conversation into another (a customer wrote twice about the same thing): every
/// message moves into the target, the source stays as a pointer (`merged_into`), and the merge can
/// be undone, which moves exactly those messages back.
public struct MergeConversations: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Merges `source` into `target`; returns the target.
    public func callAsFunction(shop: ShopID, merge source: String, into target: String, agentID: Int64?) async throws
        -> ConversationSummary
    {
        guard source != target else { throw MergeError.intoItself }
        let now = clock.now()
        return try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            guard var from = try await conversations.find(shop: shop, publicID: source) else {
                throw MergeError.conversationNotFound(source)
            }
            guard var into = try await conversations.find(shop: shop, publicID: target) else {
                throw MergeError.conversationNotFound(target)
            }
            guard from.mergedIntoID == nil else { throw MergeError.mergedAlready(source) }
            guard into.mergedIntoID == nil else { throw MergeError.targetMerged(target) }
            let moved = try await ConversationMessageRepository(sql).list(shop: shop, conversationID: from.id).map(\.id)
            try await Self.move(moved, from: &from, into: &into, sql: sql, shop: shop, agentID: agentID, kind: "merged", now: now)
            from.mergedIntoID = into.id
            try await sql.save(from, now: now)
            return try await ConversationRepository(sql).summary(of: into)
        }
    }

    /// Undoes the latest merge of `source`: its messages return and it is as it was before.
    public func undo(shop: ShopID, merged source: String, agentID: Int64?) async throws -> ConversationSummary {
        let now = clock.now()
        return try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            guard var from = try await conversations.find(shop: shop, publicID: source) else {
                throw MergeError.conversationNotFound(source)
            }
            guard let targetID = from.mergedIntoID, var into = try await conversations.find(shop: shop, id: targetID),
                let move = try await Self.lastMove(kind: "merged", of: from.id, sql: sql, shop: shop)
            else { throw MergeError.notMerged(source) }
            try await Self.move(move.messages, from: &into, into: &from, sql: sql, shop: shop, agentID: agentID, kind: "unmerged", now: now)
            from.mergedIntoID = nil
            from.restore(status: ConversationStatus(rawValue: move.previousStatus) ?? .open, sla: move.previousSLA)
            try await sql.save(from, now: now)
            return try await ConversationRepository(sql).summary(of: from)
        }
    }

    /// Moves `ids` from one conversation to another, carrying participants and tags along, and
    /// records the move in both histories.
    static func move(
        _ ids: [Int64], from: inout Conversation, into: inout Conversation, sql: DatabaseSession, shop: ShopID, agentID: Int64?,
        kind: String, now: Date
    ) async throws {
        let conversations = ConversationRepository(sql)
        let messages = ConversationMessageRepository(sql)
        try await messages.move(shop: shop, ids: ids, to: into.id)
        try await conversations.addParticipants(
            shop: shop, conversationID: into.id, Array(try await conversations.participants(shop: shop, conversationID: from.id)))
        let tags = try await conversations.tags(shop: shop, conversationIDs: [from.id, into.id])
        try await conversations.setTags(shop: shop, conversationID: into.id, Set((tags[from.id] ?? []) + (tags[into.id] ?? [])))
        let detail = String(
            decoding: try JSONEncoder().encode(
                MessageMove(messages: ids, from: from.id, into: into.id, previousStatus: from.status.rawValue, previousSLA: from.sla)),
            as: UTF8.self)
        try await conversations.recordEvent(shop: shop, conversationID: from.id, kind: kind, agentID: agentID, detail: detail, now: now)
        try await conversations.recordEvent(shop: shop, conversationID: into.id, kind: kind, agentID: agentID, detail: detail, now: now)
        let remaining = try await messages.list(shop: shop, conversationID: into.id)
        into.lastMessageAt = remaining.map(\.createdAt).max() ?? into.lastMessageAt
        try await sql.save(into, now: now)
        if try await messages.list(shop: shop, conversationID: from.id, limit: 1).isEmpty { from.setStatus(.resolved, at: now) }
    }

    static func lastMove(kind: String, of conversationID: Int64, sql: DatabaseSession, shop: ShopID) async throws -> MessageMove? {
        let events = try await ConversationRepository(sql).events(shop: shop, conversationID: conversationID)
        guard let detail = events.last(where: { $0.kind == kind })?.detail else { return nil }
        return try JSONDecoder().decode(MessageMove.self, from: Data(detail.utf8))
    }
}

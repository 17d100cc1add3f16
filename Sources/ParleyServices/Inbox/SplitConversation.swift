import Foundation
import ParleyCore
import ParleyStore

/// Splits messages off into a conversation of their own (two matters in one thread, or a stranger's
/// mail flagged by threading); undoing it moves them back.
public struct SplitConversation: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Moves `messageIDs` (public ids) of `conversation` to a new conversation; returns it.
    public func callAsFunction(shop: ShopID, conversation publicID: String, messages messageIDs: [String], agentID: Int64?)
        async throws -> ConversationSummary
    {
        guard !messageIDs.isEmpty else { throw SplitError.noMessages }
        let now = clock.now()
        return try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            guard var from = try await conversations.find(shop: shop, publicID: publicID) else {
                throw SplitError.conversationNotFound(publicID)
            }
            let all = try await ConversationMessageRepository(sql).list(shop: shop, conversationID: from.id)
            let chosen = try messageIDs.map { id in
                guard let message = all.first(where: { $0.publicID == id }) else {
                    throw SplitError.notAMessage(id, of: publicID)
                }
                return message
            }
            guard chosen.count < all.count else {
                throw SplitError.nothingLeft
            }
            let first = chosen.min { $0.id < $1.id }
            let subject = first?.subject ?? from.subject
            var into = try await sql.insertConversation(
                shop: shop, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                NewConversation(
                    customerID: first?.customerID ?? from.customerID, channel: from.channel, subject: subject,
                    normalizedSubject: SubjectLine.normalized(subject)),
                now: now)
            if let sender = first?.sender { try await conversations.addParticipants(shop: shop, conversationID: into.id, [sender]) }
            try await MergeConversations.move(
                chosen.map(\.id), from: &from, into: &into, sql: sql, shop: shop, agentID: agentID, kind: "split", now: now)
            // A customer's question split off is a question of its own: its response clock starts from when it was asked.
            if let first, first.kind == .incoming, first.machine == nil {
                into.customerWrote(at: first.createdAt, policy: try await ShopSLA.policy(shop: shop, priority: into.priority, on: sql))
                try await sql.save(into, now: now)
            }
            try await sql.save(from, now: now)
            return try await ConversationRepository(sql).summary(of: into)
        }
    }

    /// Undoes the split that created `split`: its messages go back, and it points to where they went.
    public func undo(shop: ShopID, split publicID: String, agentID: Int64?) async throws -> ConversationSummary {
        let now = clock.now()
        return try await database.transaction { sql in
            let conversations = ConversationRepository(sql)
            guard var split = try await conversations.find(shop: shop, publicID: publicID) else {
                throw SplitError.conversationNotFound(publicID)
            }
            guard let move = try await MergeConversations.lastMove(kind: "split", of: split.id, sql: sql, shop: shop),
                move.into == split.id, var original = try await conversations.find(shop: shop, id: move.from)
            else { throw SplitError.notSplit(publicID) }
            try await MergeConversations.move(
                move.messages, from: &split, into: &original, sql: sql, shop: shop, agentID: agentID, kind: "unsplit", now: now)
            split.mergedIntoID = original.id
            split.setStatus(.resolved, at: now)
            try await sql.save(split, now: now)
            return try await ConversationRepository(sql).summary(of: original)
        }
    }
}

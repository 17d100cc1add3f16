import Foundation
import ParleyCore
import SQLKit

/// All SQL about what each agent has read and the counts of their inbox's views.
public struct InboxCountsRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The open conversations in each view of `agentID`'s inbox; SLA deadlines counted against `now`.
    public func counts(shop: ShopID, agentID: Int64, now: Date, soon: Date) async throws -> InboxCounts {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS everything,
                COALESCE(SUM(CASE WHEN c.assignee_id = \(bind: agentID) THEN 1 ELSE 0 END), 0) AS mine,
                COALESCE(SUM(CASE WHEN c.assignee_id IS NULL THEN 1 ELSE 0 END), 0) AS unassigned,
                COALESCE(SUM(CASE WHEN c.sla_due_at > \(bind: now) AND c.sla_due_at <= \(bind: soon) THEN 1 ELSE 0 END), 0) AS due,
                COALESCE(SUM(CASE WHEN c.sla_due_at <= \(bind: now) THEN 1 ELSE 0 END), 0) AS breached,
                COALESCE(SUM(CASE WHEN r.read_at IS NULL OR r.read_at < c.last_message_at THEN 1 ELSE 0 END), 0) AS unread
            FROM conversations c
            LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.agent_id = \(bind: agentID)
            WHERE c.shop_id = \(bind: shop.rawValue) AND c.merged_into_id IS NULL AND c.status = 'open'
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inbox counts") }
        func count(_ column: String) throws -> Int { Int(try row.value(column, as: Int64.self)) }
        return InboxCounts(
            mine: try count("mine"), unassigned: try count("unassigned"), all: try count("everything"), dueSoon: try count("due"),
            breached: try count("breached"), unread: try count("unread"))
    }

    /// Notes that `agentID` has read the conversation as it stands at `now`.
    public func markRead(shop: ShopID, agentID: Int64, conversationID: Int64, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO conversation_reads (shop_id, agent_id, conversation_id, read_at)
            VALUES (\(bind: shop.rawValue), \(bind: agentID), \(bind: conversationID), \(bind: now))
            ON CONFLICT (agent_id, conversation_id) DO UPDATE SET read_at = excluded.read_at
            """
        ).run()
    }
}

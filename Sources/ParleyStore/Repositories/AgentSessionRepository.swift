import Foundation
import ParleyCore
import SQLKit

/// All SQL about agent sessions, kept in the database so they survive restarts and work on every node.
public struct AgentSessionRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores a new session.
    public func insert(
        shop: ShopID, agentID: Int64, tokenHash: String, csrfToken: String, now: Date, expiresAt: Date, stage: SessionStage = .complete
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO agent_sessions (shop_id, agent_id, token_hash, csrf_token, created_at, expires_at, stage)
            VALUES (\(bind: shop.rawValue), \(bind: agentID), \(bind: tokenHash), \(bind: csrfToken), \(bind: now), \(bind: expiresAt),
                    \(bind: stage.rawValue))
            """
        ).run()
    }

    /// The live session whose token hashes to `tokenHash`, at whatever stage; callers decide what a
    /// session short of `complete` may do.
    public func find(tokenHash: String, now: Date) async throws -> AgentSession? {
        let row = try await sql.raw(
            """
            SELECT a.*, s.csrf_token, s.expires_at, s.stage FROM agent_sessions s
            JOIN agents a ON a.id = s.agent_id AND a.shop_id = s.shop_id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: now)
            """
        ).first()
        guard let row, let stage = SessionStage(rawValue: try row.value("stage")) else { return nil }
        let agent = try row.agent()
        return AgentSession(agent: agent, csrfToken: try row.value("csrf_token"), expiresAt: try row.value("expires_at"), stage: stage)
    }

    /// Moves a session on to `stage` (an agent who was made to set up two-step sign-in has done so).
    public func setStage(tokenHash: String, stage: SessionStage) async throws {
        try await sql.raw("UPDATE agent_sessions SET stage = \(bind: stage.rawValue) WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// Ends the session whose token hashes to `tokenHash`.
    public func delete(tokenHash: String) async throws {
        try await sql.raw("DELETE FROM agent_sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// Removes sessions that expired before `now`.
    public func deleteExpired(now: Date) async throws {
        try await sql.raw("DELETE FROM agent_sessions WHERE expires_at <= \(bind: now)").run()
    }
}

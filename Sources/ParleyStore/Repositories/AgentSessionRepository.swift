import Foundation
import ParleyCore
import SQLKit

/// How far a session got: a password is not enough when the agent uses two-step sign-in (the code
/// is next) or their shop requires it and they have not set it up (setting it up is all they may do).
public enum SessionStage: String, Sendable {
    case complete
    case secondFactor = "second_factor"
    case enroll
}

/// A signed-in agent's session: found by the hash of the cookie's token, never by the token itself.
public struct AgentSession: Sendable {
    public let agent: Agent
    public let csrfToken: String
    public let expiresAt: Date
    public var stage: SessionStage = .complete
}

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

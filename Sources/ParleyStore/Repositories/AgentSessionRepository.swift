import Foundation
import ParleyCore
import SQLKit

/// A signed-in agent's session: found by the hash of the cookie's token, never by the token itself.
public struct AgentSession: Sendable {
    public let agent: Agent
    public let csrfToken: String
    public let expiresAt: Date
}

/// All SQL about agent sessions, kept in the database so they survive restarts and work on every node.
public struct AgentSessionRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores a new session.
    public func insert(shop: ShopID, agentID: Int64, tokenHash: String, csrfToken: String, now: Date, expiresAt: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO agent_sessions (shop_id, agent_id, token_hash, csrf_token, created_at, expires_at)
            VALUES (\(bind: shop.rawValue), \(bind: agentID), \(bind: tokenHash), \(bind: csrfToken), \(bind: now), \(bind: expiresAt))
            """
        ).run()
    }

    /// The live session whose token hashes to `tokenHash`.
    public func find(tokenHash: String, now: Date) async throws -> AgentSession? {
        let row = try await sql.raw(
            """
            SELECT a.*, s.csrf_token, s.expires_at FROM agent_sessions s JOIN agents a ON a.id = s.agent_id AND a.shop_id = s.shop_id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: now)
            """
        ).first()
        guard let row, let role = AgentRole(rawValue: try row.value("role")) else { return nil }
        let agent = Agent(
            id: try row.value("id"), shopID: try row.shopID, email: try row.value("email"), name: try row.value("name"),
            role: role, createdAt: try row.value("created_at"))
        return AgentSession(agent: agent, csrfToken: try row.value("csrf_token"), expiresAt: try row.value("expires_at"))
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

import Foundation
import ParleyCore
import SQLKit

/// An agent with the bcrypt hash their password is checked against.
public struct AgentCredentials: Sendable {
    public let agent: Agent
    public let passwordHash: String
}

/// All SQL about agents.
public struct AgentRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Inserts an agent; a second agent with the same email in the shop is a duplicate key.
    public func insert(shop: ShopID, email: String, name: String, role: AgentRole, passwordHash: String, now: Date) async throws -> Agent {
        let row = try await sql.raw(
            """
            INSERT INTO agents (shop_id, email, name, role, password_hash, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: email), \(bind: name), \(bind: role.rawValue), \(bind: passwordHash), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted agent") }
        return Agent(id: try row.value("id"), shopID: shop, email: email, name: name, role: role, createdAt: now)
    }

    /// Replaces an agent's password hash.
    public func updatePasswordHash(shop: ShopID, agentID: Int64, passwordHash: String) async throws {
        try await sql.raw(
            """
            UPDATE agents SET password_hash = \(bind: passwordHash) WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)
            """
        ).run()
    }

    /// Gives an agent another role.
    public func updateRole(shop: ShopID, agentID: Int64, role: AgentRole) async throws {
        try await sql.raw(
            "UPDATE agents SET role = \(bind: role.rawValue) WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)"
        ).run()
    }

    /// The agent of `shop` with `email`.
    public func find(shop: ShopID, email: String) async throws -> AgentCredentials? {
        try await sql.raw("SELECT * FROM agents WHERE shop_id = \(bind: shop.rawValue) AND email = \(bind: email)")
            .first().map(Self.credentials)
    }

    public func find(shop: ShopID, id: Int64) async throws -> Agent? {
        try await sql.raw("SELECT * FROM agents WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.credentials)?.agent
    }

    /// Every agent, in any shop, who signs in with `email`: the login form is the one place that
    /// comes before a shop is known.
    public func signInCandidates(email: String) async throws -> [AgentCredentials] {
        try await sql.raw("SELECT * FROM agents WHERE email = \(bind: email) ORDER BY id").all().map(Self.credentials)
    }

    private static func credentials(_ row: any SQLRow) throws -> AgentCredentials {
        guard let role = AgentRole(rawValue: try row.value("role")) else {
            throw StoreError.undecodable(column: "role", underlying: "unknown role")
        }
        let agent = Agent(
            id: try row.value("id"), shopID: try row.shopID, email: try row.value("email"), name: try row.value("name"),
            role: role, createdAt: try row.value("created_at"))
        return AgentCredentials(agent: agent, passwordHash: try row.value("password_hash"))
    }
}

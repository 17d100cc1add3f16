import Foundation
import ParleyCore
import SQLKit

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

    /// The agent's two-step sign-in state.
    public func twoFactor(shop: ShopID, agentID: Int64) async throws -> AgentTwoFactor? {
        guard
            let row = try await sql.raw(
                """
                SELECT totp_secret, totp_enabled_at, totp_last_step, recovery_codes FROM agents
                WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)
                """
            ).first()
        else { return nil }
        let codes: String? = try row.value("recovery_codes")
        return AgentTwoFactor(
            secret: try row.value("totp_secret"), enabledAt: try row.value("totp_enabled_at"), lastStep: try row.value("totp_last_step"),
            recoveryHashes: codes.map { $0.split(separator: ",").map(String.init) } ?? [])
    }

    /// Stores a new secret not yet confirmed (it replaces any earlier unconfirmed one).
    public func setTwoFactorSecret(shop: ShopID, agentID: Int64, secret: String?) async throws {
        try await sql.raw(
            """
            UPDATE agents SET totp_secret = \(bind: secret), totp_enabled_at = NULL, totp_last_step = NULL, recovery_codes = NULL
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)
            """
        ).run()
    }

    /// Turns two-step sign-in on with the confirmed secret and the hashes of new recovery codes.
    public func enableTwoFactor(shop: ShopID, agentID: Int64, step: Int64, recoveryHashes: [String], now: Date) async throws {
        try await sql.raw(
            """
            UPDATE agents SET totp_enabled_at = \(bind: now), totp_last_step = \(bind: step),
                recovery_codes = \(bind: recoveryHashes.joined(separator: ","))
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)
            """
        ).run()
    }

    /// Spends the code of `step`; false when that step or a later one was used already (a replay).
    public func useStep(shop: ShopID, agentID: Int64, step: Int64) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE agents SET totp_last_step = \(bind: step)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID) AND (totp_last_step IS NULL OR totp_last_step < \(bind: step))
            RETURNING id
            """
        ).first() != nil
    }

    /// Replaces the unused recovery codes (one was spent).
    public func setRecoveryHashes(shop: ShopID, agentID: Int64, _ hashes: [String]) async throws {
        try await sql.raw(
            """
            UPDATE agents SET recovery_codes = \(bind: hashes.joined(separator: ","))
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)
            """
        ).run()
    }

    /// Gives an agent another role.
    public func updateRole(shop: ShopID, agentID: Int64, role: AgentRole) async throws {
        try await sql.raw(
            "UPDATE agents SET role = \(bind: role.rawValue) WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)"
        ).run()
    }

    /// Sets what the agent chose in the profile: language and time zone (nil follows the browser or the shop).
    public func updateProfile(shop: ShopID, agentID: Int64, locale: String?, timeZone: String?) async throws {
        try await sql.raw(
            """
            UPDATE agents SET locale = \(bind: locale), time_zone = \(bind: timeZone)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: agentID)
            """
        ).run()
    }

    /// The shop's agents by name.
    public func list(shop: ShopID) async throws -> [Agent] {
        try await sql.raw("SELECT * FROM agents WHERE shop_id = \(bind: shop.rawValue) ORDER BY name, id").all().map { try $0.agent() }
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
        let agent = try row.agent()
        let enabledAt: Date? = try row.value("totp_enabled_at")
        return AgentCredentials(agent: agent, passwordHash: try row.value("password_hash"), twoFactorEnabled: enabledAt != nil)
    }
}

import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Adds an agent to a shop, or sets a new password (and, when given, a new role) for one who exists
/// (`parley user add` run again). Each change is written to the shop's audit log.
public struct AddAgent: Sendable {
    /// bcrypt's work factor: about 50 ms a check on one core of the machines Parley is built on.
    static let bcryptCost: UInt8 = 10
    static let minimumPasswordLength = 10

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Returns the agent and whether they were new. A nil `role` keeps an existing agent's role and
    /// makes a new one an `agent`, so re-running the command to reset a password never demotes anyone.
    public func callAsFunction(
        shop: ShopID, email rawEmail: String, name: String? = nil, role: AgentRole?, password: String, by actor: AuditActor = .system
    ) async throws -> (agent: Agent, created: Bool) {
        let email: String
        do {
            email = try EmailAddress(parsing: rawEmail).addrSpec.lowercased()
        } catch {
            throw InvalidInput(field: "email", reason: error.description)
        }
        guard password.count >= Self.minimumPasswordLength else {
            throw InvalidInput(field: "password", reason: "use at least \(Self.minimumPasswordLength) characters")
        }
        let hash = try await PasswordHash.make(password, cost: Self.bcryptCost)
        let displayName = name ?? String(email.prefix(while: { $0 != "@" }))
        let now = clock.now()
        return try await database.transaction { sql in
            let agents = AgentRepository(sql)
            if var existing = try await agents.find(shop: shop, email: email)?.agent {
                try await agents.updatePasswordHash(shop: shop, agentID: existing.id, passwordHash: hash)
                try await AuditLog.append(shop: shop, actor, "agent.password_set", target: email, on: sql, at: now)
                if let role, role != existing.role {
                    try await agents.updateRole(shop: shop, agentID: existing.id, role: role)
                    try await AuditLog.append(
                        shop: shop, actor, "agent.role_changed", target: email,
                        detail: ["from": existing.role.rawValue, "to": role.rawValue],
                        on: sql, at: now)
                    existing.role = role
                }
                return (existing, false)
            }
            let agent = try await agents.insert(
                shop: shop, email: email, name: displayName, role: role ?? .agent, passwordHash: hash, now: now)
            try await AuditLog.append(
                shop: shop, actor, "agent.added", target: email, detail: ["role": agent.role.rawValue], on: sql, at: now)
            return (agent, true)
        }
    }
}

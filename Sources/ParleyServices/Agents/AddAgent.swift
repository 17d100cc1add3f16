import Foundation
import HummingbirdBcrypt
import ParleyCore
import ParleyMail
import ParleyStore

/// Adds an agent to a shop, or sets a new password for one who exists (`parley user add` run again).
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

    /// Returns the agent and whether they were new.
    public func callAsFunction(
        shop: ShopID, email rawEmail: String, name: String? = nil, role: AgentRole, password: String
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
        let hash = Bcrypt.hash(password, cost: Self.bcryptCost)
        let displayName = name ?? String(email.prefix(while: { $0 != "@" }))
        return try await database.transaction { sql in
            let agents = AgentRepository(sql)
            if let existing = try await agents.find(shop: shop, email: email) {
                try await agents.updatePasswordHash(shop: shop, agentID: existing.agent.id, passwordHash: hash)
                return (existing.agent, false)
            }
            let agent = try await agents.insert(
                shop: shop, email: email, name: displayName, role: role, passwordHash: hash, now: clock.now())
            return (agent, true)
        }
    }
}

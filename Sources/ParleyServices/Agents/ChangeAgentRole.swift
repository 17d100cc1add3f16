import Foundation
import ParleyCore
import ParleyStore

/// An owner or administrator gives an agent another role. Only an owner makes or unmakes owners,
/// and a shop always keeps one owner.
public struct ChangeAgentRole: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(shop: ShopID, agentID: Int64, role: AgentRole, by changer: Agent) async throws -> Agent {
        guard changer.role == .owner || changer.role == .admin else {
            throw AgentError.mayNotChangeRoles
        }
        let now = clock.now()
        return try await database.transaction { sql in
            let agents = AgentRepository(sql)
            guard var agent = try await agents.find(shop: shop, id: agentID) else { throw AgentError.agentNotFound(String(agentID)) }
            guard agent.role != role else { return agent }
            if (agent.role == .owner || role == .owner) && changer.role != .owner {
                throw AgentError.onlyOwnersChangeOwners
            }
            if agent.role == .owner, try await agents.list(shop: shop).filter({ $0.role == .owner }).count == 1 {
                throw AgentError.lastOwner
            }
            try await agents.updateRole(shop: shop, agentID: agent.id, role: role)
            try await AuditLog.append(
                shop: shop, AuditActor(.agent, name: changer.email), "agent.role_changed", target: agent.email,
                detail: ["from": agent.role.rawValue, "to": role.rawValue], on: sql, at: now)
            agent.role = role
            return agent
        }
    }
}

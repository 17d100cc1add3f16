import Foundation
import ParleyCore
import ParleyStore

/// Owners and administrators make teams, choose who is in them and remove them; each change is in
/// the audit log.
public struct ManageTeams: Sendable {
    /// Long enough for "Returns and complaints (EU)", short enough for the inbox's filter.
    public static let longestName = 60
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func list(shop: ShopID) async throws -> [Team] {
        try await database.withConnection { sql in try await TeamRepository(sql).list(shop: shop) }
    }

    /// A new team with no members yet.
    public func create(shop: ShopID, name: String, by actor: AuditActor) async throws -> Team {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw InvalidInput(field: "name", reason: "give the team a name") }
        guard name.count <= Self.longestName else {
            throw InvalidInput(field: "name", reason: "a team's name is at most \(Self.longestName) characters")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InvalidInput(field: "name", reason: "a team's name is one line of text")
        }
        let now = clock.now()
        return try await database.transaction { sql in
            let teams = TeamRepository(sql)
            if try await teams.list(shop: shop).contains(where: { $0.name.lowercased() == name.lowercased() }) {
                throw TeamError.nameTaken(name)
            }
            let team = try await teams.insert(shop: shop, name: name, now: now)
            try await AuditLog.append(shop: shop, actor, "team.created", target: name, detail: [:], on: sql, at: now)
            return team
        }
    }

    /// Makes `agentIDs` (agents of the shop) the team's members.
    public func setMembers(shop: ShopID, team teamID: Int64, agentIDs: [Int64], by actor: AuditActor) async throws -> Team {
        let now = clock.now()
        return try await database.transaction { sql in
            let teams = TeamRepository(sql)
            guard var team = try await teams.find(shop: shop, id: teamID) else { throw TeamError.teamNotFound(teamID) }
            let agents = try await AgentRepository(sql).list(shop: shop)
            for id in agentIDs where !agents.contains(where: { $0.id == id }) {
                throw TeamError.notAnAgent(id)
            }
            try await teams.setMembers(shop: shop, teamID: team.id, agentIDs: agentIDs)
            team.memberIDs = Set(agentIDs).sorted()
            let emails = agents.filter { team.memberIDs.contains($0.id) }.map(\.email)
            try await AuditLog.append(
                shop: shop, actor, "team.members_changed", target: team.name, detail: ["members": emails.joined(separator: ", ")],
                on: sql, at: now)
            return team
        }
    }

    /// Removes the team; its conversations stay, with no team.
    public func delete(shop: ShopID, team teamID: Int64, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let teams = TeamRepository(sql)
            guard let team = try await teams.find(shop: shop, id: teamID) else { throw TeamError.teamNotFound(teamID) }
            try await teams.delete(shop: shop, team: team)
            try await AuditLog.append(shop: shop, actor, "team.deleted", target: team.name, detail: [:], on: sql, at: now)
        }
    }
}

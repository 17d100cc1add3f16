import Foundation
import ParleyCore
import SQLKit

/// All SQL about teams and who is in them.
public struct TeamRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The shop's teams by name, each with its members.
    public func list(shop: ShopID) async throws -> [Team] {
        let members = try await sql.raw(
            "SELECT team_id, agent_id FROM team_members WHERE shop_id = \(bind: shop.rawValue) ORDER BY agent_id"
        ).all()
        var byTeam: [Int64: [Int64]] = [:]
        for row in members { byTeam[try row.value("team_id"), default: []].append(try row.value("agent_id")) }
        return try await sql.raw("SELECT id, name FROM teams WHERE shop_id = \(bind: shop.rawValue) ORDER BY name").all().map { row in
            let id: Int64 = try row.value("id")
            return Team(id: id, shopID: shop, name: try row.value("name"), memberIDs: byTeam[id] ?? [])
        }
    }

    public func find(shop: ShopID, id: Int64) async throws -> Team? {
        try await list(shop: shop).first { $0.id == id }
    }

    public func find(shop: ShopID, name: String) async throws -> Team? {
        try await list(shop: shop).first { $0.name == name }
    }

    public func insert(shop: ShopID, name: String, now: Date) async throws -> Team {
        let row = try await sql.raw(
            """
            INSERT INTO teams (shop_id, name, created_at) VALUES (\(bind: shop.rawValue), \(bind: name), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted team") }
        return Team(id: try row.value("id"), shopID: shop, name: name, memberIDs: [])
    }

    /// Replaces the team's members.
    public func setMembers(shop: ShopID, teamID: Int64, agentIDs: [Int64]) async throws {
        try await sql.raw("DELETE FROM team_members WHERE shop_id = \(bind: shop.rawValue) AND team_id = \(bind: teamID)").run()
        for agentID in Set(agentIDs).sorted() {
            try await sql.raw(
                """
                INSERT INTO team_members (team_id, agent_id, shop_id)
                VALUES (\(bind: teamID), \(bind: agentID), \(bind: shop.rawValue))
                """
            ).run()
        }
    }

    /// Removes the team; its conversations belong to no team after.
    public func delete(shop: ShopID, team: Team) async throws {
        try await setMembers(shop: shop, teamID: team.id, agentIDs: [])
        try await sql.raw(
            "UPDATE conversations SET team = NULL WHERE shop_id = \(bind: shop.rawValue) AND team = \(bind: team.name)"
        ).run()
        try await sql.raw("DELETE FROM teams WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: team.id)").run()
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about canned responses.
public struct CannedResponseRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores a new canned response; a second one with the same shortcut is a duplicate key.
    public func insert(shop: ShopID, publicID: String, shortcut: String, title: String, body: String, now: Date) async throws
        -> CannedResponse
    {
        try await sql.raw(
            """
            INSERT INTO canned_responses (shop_id, public_id, shortcut, title, body, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: shortcut), \(bind: title), \(bind: body), \(bind: now),
                \(bind: now))
            """
        ).run()
        guard let stored = try await find(shop: shop, publicID: publicID) else { throw StoreError.missingRow("canned response") }
        return stored
    }

    public func update(shop: ShopID, _ response: CannedResponse, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE canned_responses SET shortcut = \(bind: response.shortcut), title = \(bind: response.title),
                body = \(bind: response.body), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: response.id)
            """
        ).run()
    }

    public func delete(shop: ShopID, id: Int64) async throws {
        try await sql.raw("DELETE FROM canned_responses WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").run()
    }

    public func find(shop: ShopID, publicID: String) async throws -> CannedResponse? {
        try await sql.raw("SELECT * FROM canned_responses WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.response)
    }

    public func find(shop: ShopID, shortcut: String) async throws -> CannedResponse? {
        try await sql.raw("SELECT * FROM canned_responses WHERE shop_id = \(bind: shop.rawValue) AND shortcut = \(bind: shortcut)")
            .first().map(Self.response)
    }

    /// Every canned response of the shop, by shortcut.
    public func list(shop: ShopID) async throws -> [CannedResponse] {
        try await sql.raw("SELECT * FROM canned_responses WHERE shop_id = \(bind: shop.rawValue) ORDER BY shortcut")
            .all().map(Self.response)
    }

    private static func response(_ row: any SQLRow) throws -> CannedResponse {
        CannedResponse(
            id: try row.value("id"), publicID: try row.value("public_id"), shortcut: try row.value("shortcut"),
            title: try row.value("title"), body: try row.value("body"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"))
    }
}

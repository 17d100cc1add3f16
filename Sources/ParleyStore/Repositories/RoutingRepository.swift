import Foundation
import ParleyCore
import SQLKit

/// All SQL about the identifiers that route inbound traffic to shops.
public struct RoutingRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Records `shop`'s claim; a second verified holder of the same identifier is refused by the
    /// database (a duplicate-key error), whatever raced.
    public func insert(
        shop: ShopID, kind: RoutingIdentifier.Kind, value: String, setting: String, status: RoutingIdentifier.Status, now: Date
    ) async throws -> RoutingIdentifier {
        let verifiedAt: Date? = status == .verified ? now : nil
        let row = try await sql.raw(
            """
            INSERT INTO routing_identifiers (shop_id, kind, value, setting, status, created_at, verified_at)
            VALUES (\(bind: shop.rawValue), \(bind: kind.rawValue), \(bind: value), \(bind: setting), \(bind: status.rawValue),
                    \(bind: now), \(bind: verifiedAt))
            RETURNING *
            """
        ).first()
        guard let row else { throw StoreError.missingRow("the inserted routing identifier") }
        return try Self.identifier(row)
    }

    /// The shop's claims, oldest first.
    public func claims(shop: ShopID) async throws -> [RoutingIdentifier] {
        try await sql.raw("SELECT * FROM routing_identifiers WHERE shop_id = \(bind: shop.rawValue) ORDER BY id").all().map(Self.identifier)
    }

    /// The claim `id` of `shop`.
    public func find(shop: ShopID, id: Int64) async throws -> RoutingIdentifier? {
        try await sql.raw("SELECT * FROM routing_identifiers WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first()
            .map(Self.identifier)
    }

    /// Every claim on `value`, by any shop.
    public func holders(kind: RoutingIdentifier.Kind, value: String) async throws -> [RoutingIdentifier] {
        try await sql.raw(
            "SELECT * FROM routing_identifiers WHERE kind = \(bind: kind.rawValue) AND value = \(bind: value) ORDER BY id"
        ).all().map(Self.identifier)
    }

    /// Removes the claim `id` (its setting changed or was removed).
    public func remove(id: Int64) async throws {
        try await sql.raw("DELETE FROM routing_identifiers WHERE id = \(bind: id)").run()
    }

    /// Marks a pending claim verified; false when it was not pending.
    public func verify(shop: ShopID, id: Int64, now: Date) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE routing_identifiers SET status = 'verified', verified_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status = 'pending'
            RETURNING id
            """
        ).first() != nil
    }

    /// Drops the other shops' pending claims on an identifier that is now held.
    public func removePending(kind: RoutingIdentifier.Kind, value: String, except shop: ShopID) async throws {
        try await sql.raw(
            """
            DELETE FROM routing_identifiers
            WHERE kind = \(bind: kind.rawValue) AND value = \(bind: value) AND status = 'pending' AND shop_id <> \(bind: shop.rawValue)
            """
        ).run()
    }

    /// The shop that holds `value`, verified: where its traffic goes.
    public func holder(kind: RoutingIdentifier.Kind, value: String) async throws -> ShopID? {
        try await sql.raw(
            """
            SELECT shop_id FROM routing_identifiers
            WHERE kind = \(bind: kind.rawValue) AND value = \(bind: value) AND status = 'verified'
            """
        ).first().map { try $0.shopID }
    }

    private static func identifier(_ row: any SQLRow) throws -> RoutingIdentifier {
        guard let kind = RoutingIdentifier.Kind(rawValue: try row.value("kind")),
            let status = RoutingIdentifier.Status(rawValue: try row.value("status"))
        else { throw StoreError.undecodable(column: "kind", underlying: "unknown routing identifier kind or status") }
        return RoutingIdentifier(
            id: try row.value("id"), shop: try row.shopID, kind: kind, value: try row.value("value"), setting: try row.value("setting"),
            status: status, createdAt: try row.value("created_at"), verifiedAt: try row.value("verified_at"))
    }
}

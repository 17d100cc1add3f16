import Foundation
import ParleyCore
import SQLKit

/// All SQL about the audit log: entries are appended and read, never changed (the database refuses).
public struct AuditLogRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Appends one entry.
    public func append(
        shop: ShopID, actor: AuditActor, action: String, target: String?, detail: [String: String], at: Date
    ) async throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(detail), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO audit_events (shop_id, at, actor_kind, actor_name, actor_address, action, target, detail)
            VALUES (\(bind: shop.rawValue), \(bind: at), \(bind: actor.kind.rawValue), \(bind: actor.name), \(bind: actor.address),
                    \(bind: action), \(bind: target), \(bind: json))
            """
        ).run()
    }

    /// Up to `limit` entries of `shop`, newest first, older than the entry with id `before`.
    public func list(shop: ShopID, before: Int64?, since: Date? = nil, limit: Int) async throws -> [AuditEvent] {
        let recent: SQLQueryString = since.map { " AND at >= \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT * FROM audit_events WHERE shop_id = \(bind: shop.rawValue) AND id < \(bind: before ?? Int64.max)\(recent)
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all().map { row in
            let detail = try JSONDecoder().decode([String: String].self, from: Data((try row.value("detail", as: String.self)).utf8))
            return AuditEvent(
                id: try row.value("id"), at: try row.value("at"),
                actor: AuditActor(
                    AuditActor.Kind(rawValue: try row.value("actor_kind")) ?? .system, name: try row.value("actor_name"),
                    address: try row.value("actor_address")),
                action: try row.value("action"), target: try row.value("target"), detail: detail)
        }
    }
}

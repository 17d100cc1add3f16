import Foundation
import ParleyCore
import SQLKit

/// All SQL about customer timelines.
public struct TimelineRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Appends an event to a customer's timeline.
    public func append(
        shop: ShopID, customerID: Int64, kind: TimelineEvent.Kind, at occurredAt: Date, summary: String, data: [String: String] = [:]
    ) async throws {
        let json = String(decoding: try JSONEncoder.sorted.encode(data), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO timeline_events (shop_id, customer_id, kind, occurred_at, summary, data)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: kind.rawValue), \(bind: occurredAt), \(bind: summary), \(bind: json))
            """
        ).run()
    }

    /// Up to `limit` events of a customer, newest first, older than the event with id `before`.
    public func list(shop: ShopID, customerID: Int64, before: Int64?, limit: Int) async throws -> [TimelineEvent] {
        try await sql.raw(
            """
            SELECT * FROM timeline_events
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) AND id < \(bind: before ?? Int64.max)
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all().map { row in
            let data = try JSONDecoder().decode([String: String].self, from: Data((try row.value("data", as: String.self)).utf8))
            return TimelineEvent(
                id: try row.value("id"), kind: TimelineEvent.Kind(rawValue: try row.value("kind")),
                occurredAt: try row.value("occurred_at"), summary: try row.value("summary"), data: data)
        }
    }
}

extension JSONEncoder {
    /// Keys in a stable order, so equal data is stored as equal text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about customer events: what visitors looked at on the shop's pages.
///
/// A customer's events are those of their own and those of every visitor tied to them, so what a
/// visitor did before they first chatted shows for the customer without rewriting rows.
public struct CustomerEventRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Stores `events` of the visitor, tied to `customerID` when the visitor already is a customer.
    public func insert(shop: ShopID, visitorID: Int64, customerID: Int64?, _ events: [NewCustomerEvent]) async throws {
        for event in events {
            let data = String(decoding: try JSONEncoder.sorted.encode(event.details), as: UTF8.self)
            try await sql.raw(
                """
                INSERT INTO customer_events (shop_id, visitor_id, customer_id, source, type, url, title, product_id, data, occurred_at)
                VALUES (\(bind: shop.rawValue), \(bind: visitorID), \(bind: customerID), 'widget', \(bind: event.kind.rawValue), \(bind: event.url),
                    \(bind: event.title), \(bind: event.productID), \(bind: data), \(bind: event.occurredAt))
                """
            ).run()
        }
    }

    /// Stores an event the shop or a platform sent about `customerID`; false when the sender's
    /// `externalID` was stored before (a retry), and then nothing changes.
    public func record(shop: ShopID, customerID: Int64, source: String, externalID: String?, _ event: NewCustomerEvent) async throws
        -> Bool
    {
        let data = String(decoding: try JSONEncoder.sorted.encode(event.details), as: UTF8.self)
        return try await sql.raw(
            """
            INSERT INTO customer_events (shop_id, customer_id, source, external_id, type, url, title, product_id, data, occurred_at)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: source), \(bind: externalID), \(bind: event.kind.rawValue),
                \(bind: event.url), \(bind: event.title), \(bind: event.productID), \(bind: data), \(bind: event.occurredAt))
            ON CONFLICT (shop_id, source, external_id) DO NOTHING
            RETURNING id
            """
        ).first() != nil
    }

    /// Deletes up to `limit` of the shop's events that happened before `cutoff`; returns how many.
    public func prune(shop: ShopID, before cutoff: Date, limit: Int) async throws -> Int {
        try await sql.raw(
            """
            DELETE FROM customer_events WHERE id IN (
                SELECT id FROM customer_events WHERE shop_id = \(bind: shop.rawValue) AND occurred_at < \(bind: cutoff) LIMIT \(bind: limit))
            RETURNING id
            """
        ).all().count
    }

    /// Keeps the visitor's newest `keep` events and deletes the rest.
    public func prune(shop: ShopID, visitorID: Int64, keep: Int) async throws {
        try await sql.raw(
            """
            DELETE FROM customer_events WHERE shop_id = \(bind: shop.rawValue) AND visitor_id = \(bind: visitorID) AND id <= (
                SELECT id FROM customer_events WHERE shop_id = \(bind: shop.rawValue) AND visitor_id = \(bind: visitorID)
                ORDER BY id DESC LIMIT 1 OFFSET \(bind: keep))
            """
        ).run()
    }

    /// The customer's newest `limit` events of `kinds`, newest first, with those of their visitors.
    public func recent(shop: ShopID, customerID: Int64, kinds: [CustomerEvent.Kind] = CustomerEvent.Kind.allCases, limit: Int)
        async throws -> [CustomerEvent]
    {
        try await sql.raw(
            """
            SELECT * FROM customer_events
            WHERE shop_id = \(bind: shop.rawValue) AND type IN (\(binds: kinds.map(\.rawValue)))
                AND (customer_id = \(bind: customerID) OR visitor_id IN
                    (SELECT id FROM chat_visitors WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)))
            ORDER BY occurred_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.event)
    }

    /// The visitor's events, newest first.
    public func recent(shop: ShopID, visitorID: Int64, limit: Int) async throws -> [CustomerEvent] {
        try await sql.raw(
            """
            SELECT * FROM customer_events WHERE shop_id = \(bind: shop.rawValue) AND visitor_id = \(bind: visitorID)
            ORDER BY occurred_at DESC, id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.event)
    }

    /// Deletes the customer's events and those of their visitors (erasure).
    public func erase(shop: ShopID, customerID: Int64) async throws {
        try await sql.raw(
            """
            DELETE FROM customer_events WHERE shop_id = \(bind: shop.rawValue) AND (customer_id = \(bind: customerID) OR visitor_id IN
                (SELECT id FROM chat_visitors WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)))
            """
        ).run()
    }

    private static func event(_ row: any SQLRow) throws -> CustomerEvent {
        guard let kind = CustomerEvent.Kind(rawValue: try row.value("type")) else {
            throw StoreError.undecodable(column: "type", underlying: "unknown customer event type")
        }
        let details = try JSONDecoder().decode(CustomerEvent.Details.self, from: Data((try row.value("data", as: String.self)).utf8))
        let recorded = NewCustomerEvent(
            kind: kind, url: try row.value("url"), title: try row.value("title"), productID: try row.value("product_id"), details: details,
            occurredAt: try row.value("occurred_at"))
        return CustomerEvent(
            id: try row.value("id"), shopID: try row.shopID, visitorID: try row.value("visitor_id"),
            customerID: try row.value("customer_id"), source: try row.value("source"), recorded: recorded)
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about outgoing webhooks: the endpoints a shop subscribed, their deliveries and attempts.
public struct WebhookRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    // MARK: Endpoints

    public func insert(
        shop: ShopID, publicID: String, url: String, description: String, events: Set<WebhookEventType>, secret: String, now: Date
    ) async throws -> WebhookEndpoint {
        try await sql.raw(
            """
            INSERT INTO webhook_endpoints (shop_id, public_id, url, description, events, secret, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: url), \(bind: description), \(bind: Self.text(events)),
                \(bind: secret), \(bind: now), \(bind: now))
            """
        ).run()
        guard let stored = try await find(shop: shop, publicID: publicID) else { throw StoreError.missingRow("webhook endpoint") }
        return stored
    }

    /// Writes every changeable field of `endpoint` back.
    public func update(_ endpoint: WebhookEndpoint, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE webhook_endpoints SET url = \(bind: endpoint.url), description = \(bind: endpoint.description),
                events = \(bind: Self.text(endpoint.events)), secret = \(bind: endpoint.secret),
                previous_secret = \(bind: endpoint.previousSecret), previous_secret_expires_at = \(bind: endpoint.previousSecretExpiresAt),
                disabled_reason = \(bind: endpoint.disabledReason), disabled_at = \(bind: endpoint.disabledAt), updated_at = \(bind: now)
            WHERE shop_id = \(bind: endpoint.shopID.rawValue) AND id = \(bind: endpoint.id)
            """
        ).run()
    }

    /// Deletes the endpoint with its deliveries and their attempts.
    public func delete(shop: ShopID, id: Int64) async throws {
        try await sql.raw(
            """
            DELETE FROM webhook_attempts WHERE delivery_id IN
                (SELECT id FROM webhook_deliveries WHERE shop_id = \(bind: shop.rawValue) AND endpoint_id = \(bind: id))
            """
        ).run()
        try await sql.raw("DELETE FROM webhook_deliveries WHERE shop_id = \(bind: shop.rawValue) AND endpoint_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM webhook_endpoints WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").run()
    }

    public func find(shop: ShopID, publicID: String) async throws -> WebhookEndpoint? {
        try await sql.raw("SELECT * FROM webhook_endpoints WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.endpoint)
    }

    public func find(shop: ShopID, id: Int64) async throws -> WebhookEndpoint? {
        try await sql.raw("SELECT * FROM webhook_endpoints WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)")
            .first().map(Self.endpoint)
    }

    /// The shop's endpoints, oldest first.
    public func list(shop: ShopID) async throws -> [WebhookEndpoint] {
        try await sql.raw("SELECT * FROM webhook_endpoints WHERE shop_id = \(bind: shop.rawValue) ORDER BY created_at, id")
            .all().map(Self.endpoint)
    }

    /// The shop's enabled endpoints subscribed to `type`.
    public func subscribers(shop: ShopID, to type: WebhookEventType) async throws -> [WebhookEndpoint] {
        // A shop has a handful of endpoints: the events are matched here rather than with LIKE in SQL.
        try await sql.raw(
            "SELECT * FROM webhook_endpoints WHERE shop_id = \(bind: shop.rawValue) AND disabled_at IS NULL ORDER BY id"
        ).all().map(Self.endpoint).filter { $0.events.contains(type) }
    }

    // MARK: Deliveries

    public func insertDelivery(
        shop: ShopID, publicID: String, endpointID: Int64, eventID: String, type: WebhookEventType, customerID: Int64?, payload: String,
        now: Date
    ) async throws -> WebhookDelivery {
        try await sql.raw(
            """
            INSERT INTO webhook_deliveries (shop_id, public_id, endpoint_id, event_id, event_type, customer_id, payload, status,
                attempts, next_attempt_at, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: endpointID), \(bind: eventID), \(bind: type.rawValue),
                \(bind: customerID), \(bind: payload), 'pending', 0, \(bind: now), \(bind: now))
            """
        ).run()
        guard let stored = try await delivery(shop: shop, publicID: publicID) else { throw StoreError.missingRow("webhook delivery") }
        return stored
    }

    public func delivery(shop: ShopID, publicID: String) async throws -> WebhookDelivery? {
        try await sql.raw("SELECT * FROM webhook_deliveries WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.delivery)
    }

    /// The endpoint's deliveries, newest first, `limit` of them before the delivery `before` (an id).
    public func deliveries(shop: ShopID, endpointID: Int64, before: Int64? = nil, limit: Int) async throws -> [WebhookDelivery] {
        let cursor: SQLQueryString = before.map { "AND id < \(bind: $0)" } ?? ""
        return try await sql.raw(
            """
            SELECT * FROM webhook_deliveries WHERE shop_id = \(bind: shop.rawValue) AND endpoint_id = \(bind: endpointID) \(cursor)
            ORDER BY id DESC LIMIT \(bind: limit)
            """
        ).all().map(Self.delivery)
    }

    /// Records one attempt and what it leaves the delivery at.
    public func record(_ attempt: WebhookAttempt, of delivery: WebhookDelivery) async throws {
        try await sql.raw(
            """
            INSERT INTO webhook_attempts (delivery_id, attempted_at, status_code, response, error, duration_ms)
            VALUES (\(bind: delivery.id), \(bind: attempt.attemptedAt), \(bind: attempt.statusCode), \(bind: attempt.response),
                \(bind: attempt.error), \(bind: Int64(attempt.duration / .milliseconds(1))))
            """
        ).run()
        try await save(delivery)
    }

    /// Writes the delivery's state back.
    public func save(_ delivery: WebhookDelivery) async throws {
        try await sql.raw(
            """
            UPDATE webhook_deliveries SET status = \(bind: delivery.status.rawValue), attempts = \(bind: delivery.attempts),
                next_attempt_at = \(bind: delivery.nextAttemptAt), last_error = \(bind: delivery.lastError),
                delivered_at = \(bind: delivery.deliveredAt)
            WHERE shop_id = \(bind: delivery.shopID.rawValue) AND id = \(bind: delivery.id)
            """
        ).run()
    }

    /// A delivery's attempts, first first.
    public func attempts(of delivery: WebhookDelivery) async throws -> [WebhookAttempt] {
        try await sql.raw("SELECT * FROM webhook_attempts WHERE delivery_id = \(bind: delivery.id) ORDER BY id").all().map { row in
            WebhookAttempt(
                attemptedAt: try row.value("attempted_at"), statusCode: try row.value("status_code", as: Int64?.self).map(Int.init),
                response: try row.value("response"), error: try row.value("error"),
                duration: .milliseconds(try row.value("duration_ms", as: Int64.self)))
        }
    }

    /// Deletes deliveries created before `cutoff`, `limit` at a time; returns how many went.
    public func prune(createdBefore cutoff: Date, limit: Int) async throws -> Int {
        let rows = try await sql.raw(
            "SELECT id FROM webhook_deliveries WHERE created_at < \(bind: cutoff) AND status <> 'pending' ORDER BY id LIMIT \(bind: limit)"
        ).all()
        let ids = try rows.map { try $0.value("id", as: Int64.self) }
        guard !ids.isEmpty else { return 0 }
        try await sql.raw("DELETE FROM webhook_attempts WHERE delivery_id IN (\(binds: ids))").run()
        try await sql.raw("DELETE FROM webhook_deliveries WHERE id IN (\(binds: ids))").run()
        return ids.count
    }

    // MARK: Rows

    public static func text(_ events: Set<WebhookEventType>) -> String {
        events.map(\.rawValue).sorted().joined(separator: ",")
    }

    private static func endpoint(_ row: any SQLRow) throws -> WebhookEndpoint {
        WebhookEndpoint(
            id: try row.value("id"), publicID: try row.value("public_id"), shopID: try row.shopID,
            url: try row.value("url"), description: try row.value("description"),
            events: Set(
                try row.value("events", as: String.self).split(separator: ",").compactMap { WebhookEventType(rawValue: String($0)) }),
            secret: try row.value("secret"), previousSecret: try row.value("previous_secret"),
            previousSecretExpiresAt: try row.value("previous_secret_expires_at"), disabledReason: try row.value("disabled_reason"),
            disabledAt: try row.value("disabled_at"), createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }

    private static func delivery(_ row: any SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(
            id: try row.value("id"), publicID: try row.value("public_id"), shopID: try row.shopID,
            endpointID: try row.value("endpoint_id"), eventID: try row.value("event_id"),
            eventType: WebhookEventType(rawValue: try row.value("event_type")) ?? .test, payload: try row.value("payload"),
            status: WebhookDelivery.Status(rawValue: try row.value("status")) ?? .failed,
            attempts: Int(try row.value("attempts", as: Int64.self)),
            nextAttemptAt: try row.value("next_attempt_at"), lastError: try row.value("last_error"),
            createdAt: try row.value("created_at"), deliveredAt: try row.value("delivered_at"))
    }
}

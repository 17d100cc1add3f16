import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/webhooks`: URLs the shop subscribes to its events, signed as Standard Webhooks; their
/// secrets, a test event and the delivery log.
struct WebhookRoutes {
    let webhooks: ManageWebhooks

    struct Resource: Encodable {
        let id: String
        let url: String
        let description: String
        let events: [String]
        let enabled: Bool
        let disabledReason: String?
        let disabledAt: Date?
        /// Only in the answers that make a secret: creating the webhook and rotating its secret.
        let secret: String?
        let createdAt: Date
        let updatedAt: Date

        init(_ endpoint: WebhookEndpoint, showingSecret: Bool = false) {
            id = endpoint.publicID
            url = endpoint.url
            description = endpoint.description
            events = endpoint.events.map(\.rawValue).sorted()
            enabled = endpoint.isEnabled
            disabledReason = endpoint.disabledReason
            disabledAt = endpoint.disabledAt
            secret = showingSecret ? endpoint.secret : nil
            createdAt = endpoint.createdAt
            updatedAt = endpoint.updatedAt
        }
    }

    struct DeliveryResource: Encodable {
        struct Attempt: Encodable {
            let attemptedAt: Date
            let statusCode: Int?
            let response: String?
            let error: String?
            let durationMs: Int64
        }

        let id: String
        let eventID: String
        let eventType: String
        let status: String
        let attempts: [Attempt]
        let nextAttemptAt: Date?
        let lastError: String?
        let payload: String
        let createdAt: Date
        let deliveredAt: Date?

        init(_ delivery: WebhookDelivery, attempts: [WebhookAttempt]) {
            id = delivery.publicID
            eventID = delivery.eventID
            eventType = delivery.eventType.rawValue
            status = delivery.status.rawValue
            self.attempts = attempts.map {
                Attempt(
                    attemptedAt: $0.attemptedAt, statusCode: $0.statusCode, response: $0.response, error: $0.error,
                    durationMs: Int64($0.duration / .milliseconds(1)))
            }
            nextAttemptAt = delivery.nextAttemptAt
            lastError = delivery.lastError
            payload = delivery.payload
            createdAt = delivery.createdAt
            deliveredAt = delivery.deliveredAt
        }
    }

    struct Request: Decodable {
        let url: String?
        let description: String?
        let events: [String]?
        let enabled: Bool?

        var changes: ManageWebhooks.Changes {
            ManageWebhooks.Changes(url: url, description: description, events: events, enabled: enabled)
        }
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("webhooks") { request, context in
            let since = try request.updatedSince()
            let list = try await webhooks.list(shop: context.shop).filter { $0.updatedAt >= since ?? .distantPast }
            return try APIJSON.response(ListResource(data: list.map { Resource($0) }, nextCursor: nil))
        }
        group.post("webhooks") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let created = try await webhooks.create(shop: context.shop, body.changes, by: context.actor)
            return try APIJSON.response(
                Resource(created, showingSecret: true), status: .created, headers: [.location: "/api/v1/webhooks/\(created.publicID)"])
        }
        group.get("webhooks/:id") { _, context in
            try APIJSON.response(Resource(try await webhooks.find(shop: context.shop, publicID: try context.parameters.require("id"))))
        }
        group.patch("webhooks/:id") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let updated = try await webhooks.update(
                shop: context.shop, publicID: try context.parameters.require("id"), body.changes, by: context.actor)
            return try APIJSON.response(Resource(updated))
        }
        group.delete("webhooks/:id") { _, context in
            try await webhooks.delete(shop: context.shop, publicID: try context.parameters.require("id"), by: context.actor)
            return Response(status: .noContent)
        }
        group.post("webhooks/:id/rotate-secret") { _, context in
            let rotated = try await webhooks.rotateSecret(
                shop: context.shop, publicID: try context.parameters.require("id"), by: context.actor)
            return try APIJSON.response(Resource(rotated, showingSecret: true))
        }
        group.post("webhooks/:id/test") { _, context in
            let delivery = try await webhooks.sendTest(shop: context.shop, publicID: try context.parameters.require("id"))
            return try APIJSON.response(DeliveryResource(delivery, attempts: []), status: .accepted)
        }
        group.get("webhooks/:id/deliveries") { request, context in
            let limit = try request.pageLimit()
            guard (1...200).contains(limit) else { throw InvalidInput(field: "limit", reason: "must be from 1 to 200") }
            let logged = try await webhooks.deliveries(
                shop: context.shop, publicID: try context.parameters.require("id"),
                before: request.uri.queryParameters["cursor"].map(String.init),
                limit: limit)
            return try APIJSON.response(
                ListResource(
                    data: logged.map { DeliveryResource($0.delivery, attempts: $0.attempts) },
                    nextCursor: logged.count == limit ? logged.last?.delivery.publicID : nil))
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Where an event becomes deliveries: in the transaction that made the change, one delivery and one
/// `webhook.deliver` job per subscribed webhook, so an event is never lost when the process dies
/// after the commit, nor announced for a change that was rolled back.
enum WebhookOutbox {
    /// The body every webhook receives (Standard Webhooks' `type`, `timestamp` and `data`, and the event id).
    struct Envelope<Data: Encodable>: Encodable {
        let id: String
        let type: WebhookEventType
        let timestamp: Date
        let data: Data
    }

    /// Queues `type` for every webhook of the shop subscribed to it (or for `only`). `event` is asked
    /// for only when some webhook will receive it, so an event nobody subscribed to costs one query;
    /// it gives the data and the customer the event is about (erasing them erases its deliveries).
    static func emit<Data: Encodable>(
        _ type: WebhookEventType, shop: ShopID, on session: DatabaseSession, now: Date, only: WebhookEndpoint? = nil,
        event: () async throws -> (customerID: Int64?, data: Data)
    ) async throws {
        let repository = WebhookRepository(session)
        let endpoints: [WebhookEndpoint]
        if let only { endpoints = [only] } else { endpoints = try await repository.subscribers(shop: shop, to: type) }
        guard !endpoints.isEmpty else { return }
        let eventID = OpaqueToken.make(prefix: "evt_")
        let (customerID, data) = try await event()
        let body = try encoder.encode(Envelope(id: eventID, type: type, timestamp: now, data: data))
        let payload = String(decoding: body, as: UTF8.self)
        for endpoint in endpoints {
            let delivery = try await repository.insertDelivery(
                shop: shop, publicID: OpaqueToken.make(prefix: "whd_"), endpointID: endpoint.id, eventID: eventID, type: type,
                customerID: customerID, payload: payload, now: now)
            try await DeliverWebhook.enqueue(delivery, attempt: 1, at: now, on: session, now: now)
        }
    }

    /// snake_case keys and ISO 8601 dates with fractional seconds, as the API writes them.
    static var encoder: JSONEncoder {
        let encoder = SnakeCaseKeys.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

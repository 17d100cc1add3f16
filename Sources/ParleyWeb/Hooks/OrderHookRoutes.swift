import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat
import ParleyCore
import ParleyServices

/// `POST /hooks/{platform}/{shop}`: order webhooks from Shopify and WooCommerce, verified by HMAC
/// before anything in them is read.
struct OrderHookRoutes {
    /// Platforms' order payloads with many lines exceed the API's 1 MiB.
    static let bodyLimit = 5 << 20
    let adapters: [String: any OrderWebhookAdapter]
    let findShop: FindShop
    let settings: ShopSettings
    let ingest: IngestOrderEvent
    let auditLog: AuditLog
    let clock: any WallClock

    func register(on router: Router<ParleyRequestContext>) {
        router.post("hooks/:platform/:shop") { request, context in
            var request = request
            let platform = try context.parameters.require("platform")
            guard let adapter = adapters[platform] else { throw NotFound("webhook platform \(platform)") }
            let slug = try context.parameters.require("shop")
            let body = Data(buffer: try await request.collectBody(limit: Self.bodyLimit))
            let topic = request.headers[Self.header(adapter.topicHeader)] ?? ""
            let remote = context.remoteAddress?.ipAddress
            // An unknown shop, a shop without a secret and a wrong signature answer alike, so the
            // answers do not tell which shops exist; the log says which it was.
            let refused = HTTPError(
                .unauthorized,
                message: "the \(adapter.signatureHeader) signature does not match the shop's \(adapter.secretSetting)")
            let shop: Shop?
            do { shop = try await findShop(slug: slug) } catch is NotFound { shop = nil }
            // One read for the secret and the platform domain: webhooks come in bursts.
            var values: [String: String] = [:]
            if let shop { values = try await settings.values(shop: shop.id) }
            guard let shop, let secret = values[adapter.secretSetting],
                adapter.isAuthentic(body: body, signature: request.headers[Self.header(adapter.signatureHeader)], secret: secret)
            else {
                context.logger.warning(
                    "refused a webhook: unknown shop, no secret set, or a wrong signature",
                    metadata: ["platform": "\(platform)", "shop": "\(slug)", "topic": "\(topic)", "remote": "\(remote ?? "")"])
                throw refused
            }
            let delivery = request.headers[Self.header(adapter.deliveryHeader)]
            let event: OrderEvent
            do {
                if let refusal = adapter.sourceDisagreement(
                    topic: topic, source: request.headers[Self.header(adapter.sourceHeader)],
                    claimed: values[adapter.sourceSetting])
                {
                    throw refusal
                }
                guard let derived = try adapter.event(topic: topic, deliveryID: delivery, body: body, receivedAt: clock.now()) else {
                    return try APIJSON.response(["result": "ignored", "topic": topic])
                }
                event = derived
            } catch let error as WebhookRefused {
                try await auditLog.refused(
                    error, shop: shop.id, by: AuditActor(.webhook, name: platform, address: remote), delivery: delivery, body: body)
                throw InvalidInput(field: adapter.topicHeader, reason: error.description)
            }
            let (result, order): (String, Order?) =
                switch try await ingest(shop: shop.id, event) {
                case .created(let order): ("created", order)
                case .advanced(let order, _): ("advanced", order)
                case .unchanged(let order): ("unchanged", order)
                case .replayed: ("replayed", nil)
                }
            var answer = ["result": result, "topic": topic]
            answer["order"] = order?.publicID
            return try APIJSON.response(answer)
        }
    }

    private static func header(_ name: String) -> HTTPField.Name {
        // The adapters' header names are constants, valid by construction.
        HTTPField.Name(name) ?? .contentType
    }
}

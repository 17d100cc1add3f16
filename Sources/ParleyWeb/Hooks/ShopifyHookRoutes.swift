import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOFoundationCompat
import ParleyCore
import ParleyServices

/// `POST /hooks/shopify/{shop}`: Shopify's order webhooks, verified by HMAC before anything is read.
struct ShopifyHookRoutes {
    /// Shopify's order payloads with many lines exceed the API's 1 MiB.
    static let bodyLimit = 5 << 20
    let findShop: FindShop
    let settings: ShopSettings
    let ingest: IngestOrderEvent
    let clock: any WallClock

    func register(on router: Router<ParleyRequestContext>) {
        router.post("hooks/shopify/:shop") { request, context in
            var request = request
            let slug = try context.parameters.require("shop")
            let shop = try await findShop(slug: slug)
            let body = Data(buffer: try await request.collectBody(upTo: Self.bodyLimit))
            guard let secret = try await settings.value(shop: shop.id, key: "shopify.webhook_secret") else {
                throw HTTPError(
                    .unauthorized,
                    message: "this shop has no Shopify webhook secret; set it with parley shop set \(slug) shopify.webhook_secret=…")
            }
            guard ShopifyWebhook.isAuthentic(body: body, signature: request.headers[Self.hmac], secret: secret) else {
                context.logger.warning(
                    "refused a Shopify webhook with a wrong signature",
                    metadata: [
                        "shop": "\(slug)", "topic": "\(request.headers[Self.topic] ?? "")",
                        "remote": "\(context.remoteAddress?.ipAddress ?? "")",
                    ])
                throw HTTPError(.unauthorized, message: "the X-Shopify-Hmac-Sha256 signature does not match this shop's secret")
            }
            let topic = request.headers[Self.topic] ?? ""
            guard
                let event = try ShopifyWebhook.event(
                    topic: topic, webhookID: request.headers[Self.webhookID], body: body, receivedAt: clock.now())
            else {
                return try APIJSON.response(["result": "ignored", "topic": topic])
            }
            let result: String
            switch try await ingest(shop: shop.id, event) {
            case .created: result = "created"
            case .advanced: result = "advanced"
            case .unchanged: result = "unchanged"
            case .replayed: result = "replayed"
            }
            return try APIJSON.response(["result": result, "topic": topic])
        }
    }

    static let hmac = HTTPField.Name("X-Shopify-Hmac-Sha256")!
    static let topic = HTTPField.Name("X-Shopify-Topic")!
    static let webhookID = HTTPField.Name("X-Shopify-Webhook-Id")!
}

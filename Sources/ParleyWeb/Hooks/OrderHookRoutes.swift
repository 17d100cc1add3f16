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
    let clock: any WallClock

    func register(on router: Router<ParleyRequestContext>) {
        router.post("hooks/:platform/:shop") { request, context in
            var request = request
            let platform = try context.parameters.require("platform")
            guard let adapter = adapters[platform] else { throw NotFound("webhook platform \(platform)") }
            let slug = try context.parameters.require("shop")
            let shop = try await findShop(slug: slug)
            let body = Data(buffer: try await request.collectBody(upTo: Self.bodyLimit))
            guard let secret = try await settings.value(shop: shop.id, key: adapter.secretSetting) else {
                throw HTTPError(
                    .unauthorized,
                    message: "this shop has no \(platform) webhook secret; set it with parley shop set \(slug) \(adapter.secretSetting)=…")
            }
            let topic = request.headers[Self.header(adapter.topicHeader)] ?? ""
            guard adapter.isAuthentic(body: body, signature: request.headers[Self.header(adapter.signatureHeader)], secret: secret) else {
                context.logger.warning(
                    "refused a webhook with a wrong signature",
                    metadata: [
                        "platform": "\(platform)", "shop": "\(slug)", "topic": "\(topic)",
                        "remote": "\(context.remoteAddress?.ipAddress ?? "")",
                    ])
                throw HTTPError(.unauthorized, message: "the \(adapter.signatureHeader) signature does not match this shop's secret")
            }
            let delivery = request.headers[Self.header(adapter.deliveryHeader)]
            guard let event = try adapter.event(topic: topic, deliveryID: delivery, body: body, receivedAt: clock.now()) else {
                return try APIJSON.response(["result": "ignored", "topic": topic])
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

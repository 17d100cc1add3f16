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
    let receive: ReceiveOrderWebhook

    func register(on router: Router<ParleyRequestContext>) {
        router.post("hooks/:platform/:shop") { request, context in
            var request = request
            let platform = try context.parameters.require("platform")
            guard let adapter = adapters[platform] else {
                throw HTTPError(.notFound, message: "no webhook platform \(platform); Parley takes shopify and woocommerce")
            }
            let slug = try context.parameters.require("shop")
            let delivery = ReceiveOrderWebhook.Delivery(
                body: Data(buffer: try await request.collectBody(limit: Self.bodyLimit)),
                topic: request.headers[Self.header(adapter.topicHeader)] ?? "",
                signature: request.headers[Self.header(adapter.signatureHeader)],
                deliveryID: request.headers[Self.header(adapter.deliveryHeader)],
                source: request.headers[Self.header(adapter.sourceHeader)], remoteAddress: context.remoteAddress?.ipAddress)
            switch try await receive(delivery, shop: slug, adapter: adapter) {
            case .unauthenticated:
                context.logger.warning(
                    "refused a webhook: unknown shop, no secret set, or a wrong signature",
                    metadata: [
                        "platform": "\(platform)", "shop": "\(slug)", "topic": "\(delivery.topic)",
                        "remote": "\(delivery.remoteAddress ?? "")",
                    ])
                throw HTTPError(
                    .unauthorized,
                    message: "the \(adapter.signatureHeader) signature does not match the shop's \(adapter.secretSetting)")
            case .ignored:
                return try APIJSON.response(["result": "ignored", "topic": delivery.topic])
            case .ingested(let result, let order):
                var answer = ["result": result, "topic": delivery.topic]
                answer["order"] = order
                return try APIJSON.response(answer)
            }
        }
    }

    private static func header(_ name: String) -> HTTPField.Name {
        // The adapters' header names are constants, valid by construction.
        HTTPField.Name(name) ?? .contentType
    }
}

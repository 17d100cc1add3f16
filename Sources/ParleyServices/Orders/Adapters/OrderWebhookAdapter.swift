import Crypto
import Foundation
import ParleyCore

/// A shop platform's order webhooks: how they are signed and named, and how a delivery becomes an `OrderEvent`.
/// One file per platform (`OrderEvent+Shopify.swift`, `OrderEvent+WooCommerce.swift`).
public protocol OrderWebhookAdapter: Sendable {
    /// The platform's name in URLs and sources (`shopify`).
    var platform: String { get }
    /// The shop setting holding the shared secret.
    var secretSetting: String { get }
    /// The header carrying the base64 HMAC-SHA256 of the raw body.
    var signatureHeader: String { get }
    var topicHeader: String { get }
    /// The header naming this delivery, the same on every retry of it.
    var deliveryHeader: String { get }
    /// The header naming the platform shop that sent the delivery, unsigned (`X-Shopify-Shop-Domain`).
    var sourceHeader: String { get }
    /// The shop setting naming the platform shop, and how its values are compared.
    var sourceSetting: String { get }

    /// The event a delivery of `topic` describes; nil for one that moves no stage (a ping, another topic).
    func event(topic: String, deliveryID: String?, body: Data, receivedAt: Date) throws -> OrderEvent?
}

extension OrderWebhookAdapter {
    /// Why a delivery naming `source` cannot be for a shop whose platform shop is `claimed`; nil when
    /// they agree or either is unknown. The header is a hint, but a signed delivery from another
    /// platform shop (a secret shared between two stores) must not move this shop's orders.
    public func sourceDisagreement(topic: String, source: String?, claimed: String?) -> WebhookRefused? {
        guard let source, let claimed, let kind = RoutingSettings.kinds[sourceSetting],
            let named = kind.normalized(source), let ours = kind.normalized(claimed), named != ours
        else { return nil }
        return WebhookRefused(topic: topic, reason: "\(sourceHeader) names \(named), but this shop's \(sourceSetting) is \(ours)")
    }

    /// Whether `signature` is the base64 HMAC-SHA256 of `body` under `secret`, compared in constant time.
    public func isAuthentic(body: Data, signature: String?, secret: String) -> Bool {
        guard let signature, let expected = Data(base64Encoded: signature.trimmingCharacters(in: .whitespaces)) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(expected, authenticating: body, using: SymmetricKey(data: Data(secret.utf8)))
    }
}

/// The platforms Parley takes order webhooks from, by `platform`.
public enum OrderWebhookAdapters {
    public static let all: [String: any OrderWebhookAdapter] = [
        ShopifyWebhook().platform: ShopifyWebhook(), WooCommerceWebhook().platform: WooCommerceWebhook(),
    ]
}

import Foundation

/// A setting a shop can change, by `PATCH /api/v1/shop` or `parley shop set SLUG key=value`.
public struct ShopSetting: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text
        /// Shown masked once set; needed in clear to check signatures, so it is stored as given.
        case secret
        case locale
        case timeZone
        case url
        case color
    }

    public let key: String
    public let kind: Kind
    public let summary: String

    /// Every setting Parley knows.
    public static let catalog: [ShopSetting] = [
        ShopSetting(key: "name", kind: .text, summary: "The shop's name, as customers see it"),
        ShopSetting(key: "default_locale", kind: .locale, summary: "The language of a customer whose own is unknown"),
        ShopSetting(key: "time_zone", kind: .timeZone, summary: "The shop's time zone"),
        ShopSetting(key: "shopify.webhook_secret", kind: .secret, summary: "Signs Shopify webhooks (X-Shopify-Hmac-Sha256)"),
        ShopSetting(key: "woocommerce.webhook_secret", kind: .secret, summary: "Signs WooCommerce webhooks (X-WC-Webhook-Signature)"),
        ShopSetting(key: "brand.logo_url", kind: .url, summary: "The logo shown in emails and public pages"),
        ShopSetting(key: "brand.color", kind: .color, summary: "The brand colour, #rrggbb"),
        ShopSetting(key: "brand.signature", kind: .text, summary: "The sign-off under every message"),
        ShopSetting(key: "support.email", kind: .text, summary: "Where customers write to the shop"),
        ShopSetting(key: "support.phone", kind: .text, summary: "Where customers call the shop"),
    ]

    /// The setting named `key`.
    public static func named(_ key: String) -> ShopSetting? {
        catalog.first { $0.key == key }
    }

    /// Whether `value` fits this setting; the reason when it does not.
    public func problem(with value: String) -> String? {
        switch kind {
        case .text:
            return value.count > 2000 ? "is longer than 2000 characters" : nil
        case .secret:
            return value.count < 8 ? "is shorter than 8 characters" : nil
        case .locale, .timeZone:
            return nil  // checked by the shared language and zone validation of the use case
        case .url:
            guard let url = URL(string: value), ["https", "http"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                return "is not an http(s) URL"
            }
            return nil
        case .color:
            let hex = value.dropFirst()
            return value.hasPrefix("#") && hex.count == 6 && hex.allSatisfy(\.isHexDigit) ? nil : "is not a colour such as #3246d3"
        }
    }

    /// `value` as it may be shown: a secret only by its last four characters.
    public func displayed(_ value: String) -> String {
        kind == .secret ? "…" + value.suffix(4) : value
    }
}

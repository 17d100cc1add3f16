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
        /// Order stages, comma-separated (`shipped,delivered`), or `none`.
        case stages
        /// `30m`, `4h`, `2d`, `1h30m`.
        case duration
        /// A duration, optionally per conversation priority: `8h; urgent 1h; high 4h`.
        case slaTarget
        /// `mon-fri 09:00-17:00; sat 10:00-14:00`, or `24/7`.
        case weeklyHours
        /// `2026-12-24, 2026-12-25`.
        case dates
        /// A whole number from 1 to 100000.
        case count
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
        ShopSetting(
            key: "inbox.acknowledge", kind: .text,
            summary: "on or off: answer a new email conversation at once with its number and the expected response time"),
        ShopSetting(
            key: "sla.first_response", kind: .slaTarget,
            summary: "Target for the first answer, e.g. 4h or 8h; urgent 1h; high 4h (per priority); told to customers"),
        ShopSetting(
            key: "sla.next_response", kind: .slaTarget, summary: "Target for each later answer after the customer writes again"),
        ShopSetting(
            key: "sla.resolution", kind: .slaTarget, summary: "Target to resolve, not counting time waiting for the customer"),
        ShopSetting(
            key: "inbox.business_hours", kind: .weeklyHours,
            summary: "When SLA time counts, in the shop's time zone: mon-fri 09:00-17:00; sat 10:00-14:00, or 24/7 (the default)"),
        ShopSetting(key: "inbox.holidays", kind: .dates, summary: "Closed days SLA time skips: 2026-12-24, 2026-12-25"),
        ShopSetting(
            key: "inbox.sender_hourly_limit", kind: .count,
            summary: "Emails one sender may send within an hour before the rest is held as a likely mail loop (default 30)"),
        ShopSetting(key: "email.from", kind: .text, summary: "The sender of the shop's email, e.g. Kubki <sklep@kubki.example>"),
        ShopSetting(
            key: "email.bounce_address", kind: .text, summary: "The return path (MAIL FROM) where bounces go; email.from when unset"),
        ShopSetting(key: "email.smtp_url", kind: .secret, summary: "smtp:// or smtps://user:pass@host:port; PARLEY_SMTP_URL when unset"),
        ShopSetting(key: "dkim.domain", kind: .text, summary: "The domain that signs the shop's email (DKIM d=)"),
        ShopSetting(
            key: "dkim.selector", kind: .text, summary: "The DKIM selector (s=); its public key is published at SELECTOR._domainkey.DOMAIN"),
        ShopSetting(key: "dkim.private_key", kind: .secret, summary: "The DKIM signing key, RSA or Ed25519, PKCS#8 PEM"),
        ShopSetting(key: "sms.provider", kind: .text, summary: "twilio, kannel or webhook"),
        ShopSetting(key: "sms.from", kind: .text, summary: "The sender number or alphanumeric id"),
        ShopSetting(key: "sms.url", kind: .url, summary: "The provider's API: Twilio's base URL, Kannel's sendsms URL, or the webhook URL"),
        ShopSetting(key: "sms.username", kind: .text, summary: "Twilio account SID or Kannel username"),
        ShopSetting(key: "sms.secret", kind: .secret, summary: "Twilio auth token, Kannel password or the webhook's signing secret"),
        ShopSetting(
            key: "notify.email_stages", kind: .stages, summary: "Stages announced by email, comma-separated; all when unset, or none"),
        ShopSetting(key: "notify.sms_stages", kind: .stages, summary: "Stages announced by SMS, comma-separated; all when unset, or none"),
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
        case .stages:
            let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if names == ["none"] { return nil }
            let unknown = names.filter { OrderStage(rawValue: $0) == nil }
            return unknown.isEmpty
                ? nil
                : "names no stage \(unknown.joined(separator: ", ")); use none or some of "
                    + OrderStage.allCases.map(\.rawValue).joined(separator: ", ")
        case .duration:
            return DurationText.seconds(value) == nil ? "is not a duration such as 30m, 4h, 2d or 1h30m" : nil
        case .slaTarget:
            return SLATargetText.problem(value)
        case .weeklyHours:
            do {
                _ = try BusinessHours.weekly(parsing: value)
                return nil
            } catch { return error.reason }
        case .dates:
            do {
                _ = try BusinessHours.holidays(parsing: value)
                return nil
            } catch { return error.reason }
        case .count:
            return Int(value).map { (1...100_000).contains($0) } == true ? nil : "is not a whole number from 1 to 100000"
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

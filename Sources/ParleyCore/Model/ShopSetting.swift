import Foundation

/// A setting a shop can change, by `PATCH /api/v1/shop` or `parley shop set SLUG key=value`.
public struct ShopSetting: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// One line of at most 200 characters.
        case text
        /// Several lines of at most 2000 characters (a signature).
        case paragraph
        /// Shown masked once set; needed in clear to check signatures, so it is stored as given. One line.
        case secret
        /// A PEM private key: a secret of several lines, checked by the code that uses it.
        case privateKey
        /// `smtp://` or `smtps://user:pass@host:port`; a secret, since it holds the password.
        case smtpURL
        /// A bare address, `help@kubki.example` (parsed by ParleyMail in the use case).
        case emailAddress
        /// An address with an optional display name, `Kubki <sklep@kubki.example>` (parsed by ParleyMail in the use case).
        case mailbox
        /// A domain name, `kubki.example`.
        case domain
        /// A DKIM selector: letters, digits, `-`, `_`, `.`.
        case selector
        /// A phone number as customers see it: digits, spaces and `+ - ( ) . /`.
        case phone
        /// The sender of texts: an international number (`+48601234567`) or 1–11 letters and digits.
        case smsSender
        /// One of a fixed set of words.
        case choice([String])
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
        /// Marketing caps per period: `2/day, 5/week`, or `none`.
        case caps
        /// A daily time range, `21:00-08:00`, or `off`.
        case dailyWindow
    }

    public let key: String
    public let kind: Kind
    public let summary: String

    /// Every setting Parley knows.
    public static let catalog: [ShopSetting] = [
        ShopSetting(key: "name", kind: .text, summary: "The shop's name, as customers see it"),
        ShopSetting(key: "default_locale", kind: .locale, summary: "The language of a customer whose own is unknown"),
        ShopSetting(key: "time_zone", kind: .timeZone, summary: "The shop's time zone"),
        ShopSetting(key: "shop.url", kind: .url, summary: "The shop's website, where marketing emails link"),
        ShopSetting(
            key: "security.require_two_factor", kind: .choice(["on", "off"]),
            summary: "on: every agent signs in with a code from an authenticator app after the password"),
        ShopSetting(key: "shopify.webhook_secret", kind: .secret, summary: "Signs Shopify webhooks (X-Shopify-Hmac-Sha256)"),
        ShopSetting(key: "woocommerce.webhook_secret", kind: .secret, summary: "Signs WooCommerce webhooks (X-WC-Webhook-Signature)"),
        ShopSetting(
            key: "shopify.shop_domain", kind: .domain,
            summary: "The shop's myshopify.com domain; webhooks naming another in X-Shopify-Shop-Domain are refused"),
        ShopSetting(
            key: "woocommerce.site_url", kind: .url,
            summary: "The WooCommerce site's URL; webhooks naming another in X-WC-Webhook-Source are refused"),
        ShopSetting(key: "brand.logo_url", kind: .url, summary: "The logo shown in emails and public pages"),
        ShopSetting(key: "brand.color", kind: .color, summary: "The brand colour, #rrggbb"),
        ShopSetting(key: "brand.signature", kind: .paragraph, summary: "The sign-off under every message"),
        ShopSetting(key: "support.email", kind: .emailAddress, summary: "Where customers write to the shop"),
        ShopSetting(
            key: "widget.prechat", kind: .choice(["off", "email"]),
            summary: "email: the chat widget asks for an email address before the first message, so every chat can be answered later"),
        ShopSetting(
            key: "widget.greeting", kind: .paragraph,
            summary: "The chat widget's first words; a greeting in the visitor's language when unset"),
        ShopSetting(
            key: "assistant.model_url", kind: .url,
            summary: "An OpenAI-compatible API (https://…/v1) whose model phrases the assistant's answers; off when unset"),
        ShopSetting(key: "assistant.model", kind: .text, summary: "The model's name at assistant.model_url, such as gpt-4o-mini"),
        ShopSetting(key: "assistant.model_key", kind: .secret, summary: "The API key for assistant.model_url"),
        ShopSetting(
            key: "widget.identity_secret", kind: .secret,
            summary: "Signs the tokens (JWT HS256) by which the shop's pages tell the chat widget who a signed-in customer is"),
        ShopSetting(key: "support.phone", kind: .phone, summary: "Where customers call the shop"),
        ShopSetting(
            key: "inbox.acknowledge", kind: .choice(["on", "off"]),
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
        ShopSetting(key: "email.from", kind: .mailbox, summary: "The sender of the shop's email, e.g. Kubki <sklep@kubki.example>"),
        ShopSetting(
            key: "email.bounce_address", kind: .emailAddress, summary: "The return path (MAIL FROM) where bounces go; email.from when unset"
        ),
        ShopSetting(key: "email.smtp_url", kind: .smtpURL, summary: "smtp:// or smtps://user:pass@host:port; PARLEY_SMTP_URL when unset"),
        ShopSetting(key: "dkim.domain", kind: .domain, summary: "The domain that signs the shop's email (DKIM d=)"),
        ShopSetting(
            key: "dkim.selector", kind: .selector,
            summary: "The DKIM selector (s=); its public key is published at SELECTOR._domainkey.DOMAIN"),
        ShopSetting(key: "dkim.private_key", kind: .privateKey, summary: "The DKIM signing key, RSA or Ed25519, PKCS#8 PEM"),
        ShopSetting(key: "sms.provider", kind: .choice(["twilio", "kannel", "webhook"]), summary: "twilio, kannel or webhook"),
        ShopSetting(key: "sms.from", kind: .smsSender, summary: "The sender number or alphanumeric id"),
        ShopSetting(key: "sms.url", kind: .url, summary: "The provider's API: Twilio's base URL, Kannel's sendsms URL, or the webhook URL"),
        ShopSetting(key: "sms.username", kind: .text, summary: "Twilio account SID or Kannel username"),
        ShopSetting(key: "sms.secret", kind: .secret, summary: "Twilio auth token, Kannel password or the webhook's signing secret"),
        ShopSetting(
            key: "notify.email_stages", kind: .stages, summary: "Stages announced by email, comma-separated; all when unset, or none"),
        ShopSetting(key: "notify.sms_stages", kind: .stages, summary: "Stages announced by SMS, comma-separated; all when unset, or none"),
        ShopSetting(
            key: "pressure.email_caps", kind: .caps,
            summary: "Marketing emails one customer may get per day, week or month: 2/day, 5/week (the default), or none"),
        ShopSetting(
            key: "pressure.sms_caps", kind: .caps,
            summary: "Marketing texts one customer may get per day, week or month: 1/week, 3/month (the default), or none"),
        ShopSetting(
            key: "pressure.minimum_gap", kind: .duration,
            summary: "The least time between any message to a customer and a marketing one after it (default 2h)"),
        ShopSetting(
            key: "pressure.after_order_update", kind: .duration,
            summary: "How long marketing keeps away from a customer after an order update (default 1d)"),
        ShopSetting(
            key: "pressure.quiet_hours", kind: .dailyWindow,
            summary: "When no marketing and no text is sent, in the customer's time zone: 21:00-08:00 (the default), or off"),
        ShopSetting(
            key: "pressure.hold_during_support", kind: .choice(["on", "off"]),
            summary: "on (the default): marketing waits while the customer has a support conversation open"),
        ShopSetting(
            key: "marketing.tracking", kind: .choice(["on", "off"]),
            summary: "on (the default): marketing emails count opens (a pixel) and clicks (signed redirects); off sends plain links"),
        ShopSetting(
            key: "events.retention", kind: .duration,
            summary: "How long what customers did (views, searches, carts) is kept: 365d (the default), at least 30d"),
        ShopSetting(
            key: "marketing.double_opt_in", kind: .choice(["on", "off"]),
            summary: "on: marketing consent on email waits until the customer confirms it from an email (double opt-in); off (the default)"),
    ]

    /// The setting named `key`.
    public static func named(_ key: String) -> ShopSetting? {
        catalog.first { $0.key == key }
    }

    /// Whether `value` fits this setting; the reason when it does not.
    ///
    /// No value but a paragraph or a key may hold a line break or any other control character:
    /// many end up in mail headers and URLs, where a line break would add a header of its own.
    public func problem(with value: String) -> String? {
        let multiline = kind == .paragraph || kind == .privateKey
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if let bad = value.unicodeScalars.first(where: { Self.isControl($0) && !allowed.contains($0) }) {
            let name =
                bad == "\n" || bad == "\r" ? "a line break" : "the control character U+\(String(bad.value, radix: 16, uppercase: true))"
            return "holds \(name); it must be one line of text"
        }
        if value != value.trimmingCharacters(in: .whitespacesAndNewlines) && !multiline {
            return "begins or ends with a space"
        }
        let limit = multiline ? (kind == .privateKey ? 16_384 : 2000) : (kind == .url || kind == .smtpURL || kind == .secret ? 2000 : 200)
        if value.count > limit { return "is longer than \(limit) characters" }
        return formatProblem(value)
    }

    private func formatProblem(_ value: String) -> String? {
        switch kind {
        case .text, .paragraph, .privateKey, .emailAddress, .mailbox:
            // Addresses are parsed by ParleyMail, and the key by the DKIM signer, in the use case.
            return nil
        case .secret:
            return value.count < 8 ? "is shorter than 8 characters" : nil
        case .smtpURL:
            guard let url = URLComponents(string: value), ["smtp", "smtps"].contains(url.scheme?.lowercased() ?? ""),
                let host = url.host, !host.isEmpty
            else { return "is not an smtp:// or smtps:// URL with a host, such as smtps://user:pass@mail.example:465" }
            return nil
        case .domain:
            return Self.isDomain(value) ? nil : "is not a domain name such as kubki.example"
        case .selector:
            return !value.isEmpty && value.count <= 63
                && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
                ? nil : "is not a DKIM selector: letters, digits, - _ and . only"
        case .phone:
            let digits = value.filter(\.isASCII).filter(\.isNumber).count
            return digits >= 3 && value.allSatisfy({ $0.isASCII && ($0.isNumber || " +-()./".contains($0)) })
                ? nil : "is not a phone number such as +48 22 123 45 67"
        case .smsSender:
            let number =
                value.hasPrefix("+") && (8...16).contains(value.count) && value.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
            let alphanumeric = (1...11).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            return number || alphanumeric ? nil : "is neither an international number (+48601234567) nor 1 to 11 letters and digits"
        case .choice(let words):
            return words.contains(value) ? nil : "is none of \(words.joined(separator: ", "))"
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
        case .caps:
            do {
                _ = try ContactPressure.caps(parsing: value)
                return nil
            } catch { return error.reason }
        case .dailyWindow:
            do {
                _ = try ContactPressure.quietHours(parsing: value)
                return nil
            } catch { return error.reason }
        case .count:
            return Int(value).map { (1...100_000).contains($0) } == true ? nil : "is not a whole number from 1 to 100000"
        case .color:
            let hex = value.dropFirst()
            return value.hasPrefix("#") && hex.count == 6 && hex.allSatisfy(\.isHexDigit) ? nil : "is not a colour such as #3246d3"
        }
    }

    /// C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Letters, digits and hyphens in dot-separated labels of 1–63, at least two labels (Unicode letters allowed).
    static func isDomain(_ value: String) -> Bool {
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && value.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
            }
    }

    /// `value` as it may be shown: a secret only by its last four characters.
    public func displayed(_ value: String) -> String {
        isSecret ? "…" + value.suffix(4) : value
    }

    /// Whether the value is shown masked and kept out of the audit log.
    public var isSecret: Bool {
        switch kind {
        case .secret, .privateKey, .smtpURL: true
        default: false
        }
    }
}

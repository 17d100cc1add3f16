import Foundation
import Mustache
import ParleyCore
import ParleyStore

/// A marketing email to one customer, from a flow or a campaign: written in their language with
/// their first name, the shop's name and website, ending with the footer every marketing email
/// carries (why they get it, their preference centre, one-click unsubscribe), queued with its
/// List-Unsubscribe address so that the contact-pressure budget decides when it goes.
struct MarketingMail {
    let shop: Shop
    let customer: Customer
    let language: String
    /// The customer's catalog in `language`, for the footer and any catalog text.
    let entries: [String: String]
    let context: Context
    let links: (url: String, unsubscribeURL: String)

    /// What every marketing email of a shop shares, read once for a batch of them: a campaign's
    /// 500 members cost one read of the settings and the link key, not 500.
    struct Context {
        /// The shop's website (`shop.url`), where marketing emails link.
        let shopURL: String?
        /// The brand colour and logo for the HTML part.
        let brand: [String: Any]
        /// Whether opens and clicks are counted (`marketing.tracking`).
        let tracking: Bool
        let publicURL: String
        /// The shop's link key, which signs the preference, unsubscribe and tracking addresses.
        let key: String
        let html: MarketingHTML

        static func read(shop: Shop, preferences: PreferenceCentre, catalogs: MessageCatalogs, on sql: DatabaseSession, now: Date)
            async throws -> Context
        {
            let keys: [ShopSetting.Key] = [.shopURL, .brandColor, .brandLogoURL, .brandSignature, .marketingTracking]
            let settings = try await ShopSettingsRepository(sql).values(shop: shop.id, keys: keys.map(\.rawValue))
            return Context(
                shopURL: settings[.shopURL],
                brand: MessageCatalogs.brand(settings),
                tracking: settings[.marketingTracking] != "off", publicURL: preferences.publicURL,
                key: try await ShopLinkSigner.key(shop: shop.id, on: sql, now: now), html: catalogs.marketingHTML)
        }
    }

    /// A marketing email's words: the subject, the text, and the footer every one carries.
    struct Letter: Equatable {
        let subject: String
        let body: String
        let footer: String

        /// The plain-text part: the footer after the signature line.
        var text: String { body + "\n\n-- \n" + footer }
    }

    /// Who may get one now: marketing consent on email and an address; why not otherwise.
    enum Refusal: String {
        case unreachable
        case noConsent = "no_consent"
    }

    static func refusal(for customer: Customer) -> Refusal? {
        guard customer.erasedAt == nil, customer.address(for: .email) != nil else { return .unreachable }
        return customer.allowsMarketing(on: .email) ? nil : .noConsent
    }

    init(shop: Shop, customer: Customer, language: String, entries: [String: String], context: Context) {
        self.shop = shop
        self.customer = customer
        self.language = language
        self.entries = entries
        self.context = context
        links = PreferenceCentre.links(publicURL: context.publicURL, shop: shop, customer: customer.publicID, key: context.key)
    }

    /// The values every marketing text may use, with `extra` beside them.
    func values(_ extra: [String: String?] = [:]) -> [String: Any] {
        var all = extra
        all["shop"] = shop.name
        all["name"] = customer.name?.split(separator: " ").first.map(String.init)
        all["shopUrl"] = context.shopURL
        all["preferences"] = links.url
        all["unsubscribe"] = links.unsubscribeURL
        return MessageCatalogs.present(all)
    }

    /// `subject` and `body` (plain-text templates) rendered, with the footer.
    func letter(subject: String, body: String, values: [String: Any]) throws -> Letter {
        try Self.letter(subject: subject, body: body, entries: entries, values: values)
    }

    /// The same for any catalog and values: what a preview shows is what a customer gets.
    static func letter(subject: String, body: String, entries: [String: String], values: [String: Any]) throws -> Letter {
        Letter(
            subject: try MessageCatalogs.text(subject).render(values), body: try MessageCatalogs.text(body).render(values),
            footer: try MessageCatalogs.words("marketing.footer", in: entries, values: values))
    }

    /// The HTML part; with `tracking`, its links through signed redirects and a pixel, for the message `publicID`.
    func html(_ letter: Letter, tracking: Bool, message publicID: String = "") -> String? {
        let context = context
        let shop = shop
        return context.html.render(
            subject: letter.subject, body: letter.body, footer: letter.footer, language: language, shop: shop.name, brand: context.brand,
            pixel: tracking ? EngagementTracking.pixel(publicURL: context.publicURL, shop: shop, message: publicID, key: context.key) : nil,
            track: { target in
                tracking
                    ? EngagementTracking.click(
                        publicURL: context.publicURL, shop: shop, message: publicID, target: target, key: context.key)
                    : target
            })
    }

    /// Stores the message, with its HTML part (links and pixel counted when the shop counts them),
    /// and queues its sending; nil when `dedupeKey` was queued before.
    func queue(_ topic: String, _ letter: Letter, dedupeKey: String, expires: Date, on sql: DatabaseSession, now: Date)
        async throws -> OutboundMessage?
    {
        let publicID = OpaqueToken.make(prefix: "msg_")
        let html = html(letter, tracking: context.tracking, message: publicID)
        let message = NewMessage(
            customerID: customer.id, orderID: nil, channel: .email, topic: topic, locale: language,
            recipient: customer.address(for: .email), subject: letter.subject, text: letter.text, html: html, messageID: nil,
            dedupeKey: dedupeKey, expiresAt: expires, listUnsubscribe: links.unsubscribeURL)
        guard let stored = try await MessageRepository(sql).insert(shop: shop.id, publicID: publicID, message, now: now) else {
            return nil
        }
        try await SendMessage.enqueue(stored, on: sql, now: now)
        return stored
    }
}

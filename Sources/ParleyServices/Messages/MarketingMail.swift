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
    let links: (url: String, unsubscribeURL: String)
    let shopURL: String?

    /// Who may get one now: marketing consent on email and an address; why not otherwise.
    enum Refusal: String {
        case unreachable
        case noConsent = "no_consent"
    }

    static func refusal(for customer: Customer) -> Refusal? {
        guard customer.erasedAt == nil, customer.address(for: .email) != nil else { return .unreachable }
        return customer.allowsMarketing(on: .email) ? nil : .noConsent
    }

    /// `shopURL` is the shop's website as `shopURL(_:on:)` reads it: a campaign reads it once per batch, not per member.
    static func make(
        shop: Shop, customer: Customer, language: String, entries: [String: String], shopURL: String?, preferences: PreferenceCentre,
        on sql: DatabaseSession
    ) async throws -> MarketingMail {
        MarketingMail(
            shop: shop, customer: customer, language: language, entries: entries,
            links: try await preferences.links(for: shop, customer: customer.publicID, on: sql), shopURL: shopURL)
    }

    /// The shop's website (`shop.url`), where marketing emails link.
    static func shopURL(_ shop: ShopID, on sql: DatabaseSession) async throws -> String? {
        try await ShopSettingsRepository(sql).value(shop: shop, key: ShopSetting.Key.shopURL.rawValue)
    }

    /// The values every marketing text may use, with `extra` beside them.
    func values(_ extra: [String: String?] = [:]) -> [String: Any] {
        var all = extra
        all["shop"] = shop.name
        all["name"] = customer.name?.split(separator: " ").first.map(String.init)
        all["shopUrl"] = shopURL
        all["preferences"] = links.url
        all["unsubscribe"] = links.unsubscribeURL
        return MessageCatalogs.present(all)
    }

    /// `subject` and `body` (plain-text templates) rendered, the footer after the signature line.
    func text(subject: String, body: String, values: [String: Any]) throws -> (subject: String, body: String) {
        try Self.text(subject: subject, body: body, entries: entries, values: values)
    }

    /// The same for any catalog and values: what a preview shows is what a customer gets.
    static func text(subject: String, body: String, entries: [String: String], values: [String: Any]) throws -> (
        subject: String, body: String
    ) {
        let footer = try MessageCatalogs.words("marketing.footer", in: entries, values: values)
        let rendered = try MessageCatalogs.text(body).render(values)
        return (try MessageCatalogs.text(subject).render(values), rendered + "\n\n-- \n" + footer)
    }

    /// Stores the message and queues its sending; nil when `dedupeKey` was queued before.
    func queue(topic: String, subject: String, body: String, dedupeKey: String, expires: Date, on sql: DatabaseSession, now: Date)
        async throws -> OutboundMessage?
    {
        let message = NewMessage(
            customerID: customer.id, orderID: nil, channel: .email, topic: topic, locale: language,
            recipient: customer.address(for: .email), subject: subject, text: body, html: nil, messageID: nil, dedupeKey: dedupeKey,
            expiresAt: expires, listUnsubscribe: links.unsubscribeURL)
        guard
            let stored = try await MessageRepository(sql).insert(
                shop: shop.id, publicID: OpaqueToken.make(prefix: "msg_"), message, now: now)
        else { return nil }
        try await SendMessage.enqueue(stored, on: sql, now: now)
        return stored
    }
}

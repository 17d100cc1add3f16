import Foundation
import ParleyCore
import ParleyStore

/// Double opt-in: with `marketing.double_opt_in=on`, marketing consent on email given anywhere
/// (the widget, a checkout, a form, the API) is kept `pending`, and the customer gets one email with
/// a signed link (`/p/…/subscribe`) whose button confirms it. Only then does marketing go, and the
/// welcome flow start. A consent that proves the address already (made on the preference centre,
/// or sent by the shop as confirmed or imported) is taken as it is.
///
/// Runs as the job `consent.confirm`: the email is queued as a message, retried and visible like
/// any other, at most one a day per customer; a consent confirmed or withdrawn meanwhile is not mailed.
public struct ConfirmMarketingConsent: JobHandler {
    public static let kind = "consent.confirm"
    public var kind: String { Self.kind }

    /// Sources that confirm the address themselves; so does a platform's own (`shopify, confirmed`).
    static let confirmedSources: Set<String> = ["double opt-in", "preference centre", "import", "confirmed"]

    private let writer: MarketingWriter

    public init(database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, preferences: PreferenceCentre) {
        writer = MarketingWriter(database: database, clock: clock, catalogs: catalogs, preferences: preferences)
    }

    /// `consent` as it is to be stored: a grant of marketing email waits for confirmation when the
    /// shop asks for double opt-in and the customer has not confirmed before.
    static func held(_ consent: Consent, shop: ShopID, customer: Customer?, on sql: DatabaseSession) async throws -> Consent {
        guard consent.channel == .email, consent.purpose == .marketing, consent.status == .granted,
            !confirmedSources.contains(consent.source.lowercased()), !consent.source.lowercased().hasSuffix(", confirmed"),
            customer?.consent(.email, for: .marketing) != .granted,
            try await ShopSettingsRepository(sql).value(shop: shop, key: ShopSetting.Key.marketingDoubleOptIn.rawValue) == "on"
        else { return consent }
        var held = consent
        held.status = .pending
        return held
    }

    /// Queues the confirmation email's job, once a day per customer.
    static func enqueue(shop: ShopID, customerID: Int64, on sql: DatabaseSession, now: Date) async throws {
        _ = try await JobQueue.enqueue(
            NewJob(
                shop: shop, kind: kind, payload: String(customerID), runAt: now,
                idempotencyKey: "consent-confirm:\(customerID):\(Int(now.timeIntervalSince1970) / 86400)"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        guard let customerID = Int64(job.payload) else { throw PermanentJobFailure("not a customer: \(job.payload)") }
        let now = writer.clock.now()
        try await writer.database.transaction { sql in
            guard let shop = try await ShopRepository(sql).find(id: job.shop),
                let customer = try await CustomerRepository(sql).find(shop: shop.id, id: customerID), customer.erasedAt == nil,
                customer.consent(.email, for: .marketing) == .pending, let address = customer.address(for: .email)
            else { return }
            let (language, entries) = try writer.catalogs.catalog(for: customer.locale, shopDefault: shop.defaultLocale)
            let context = try await writer.context(shop: shop, on: sql, now: now)
            let mail = MarketingMail(shop: shop, customer: customer, language: language, entries: entries, context: context)
            let values = mail.values(["link": mail.links.url + "/subscribe"])
            let message = NewMessage(
                customerID: customer.id, orderID: nil, channel: .email, topic: "consent.confirm", locale: language, recipient: address,
                subject: try MessageCatalogs.words("consentConfirmation.subject", in: entries, values: values),
                text: try MessageCatalogs.words("consentConfirmation.body", in: entries, values: values), html: nil, messageID: nil,
                dedupeKey: "consent-confirm:\(customer.id):\(Int(now.timeIntervalSince1970) / 86400)")
            guard
                let stored = try await MessageRepository(sql).insert(
                    shop: shop.id, publicID: OpaqueToken.make(prefix: "msg_"), message, now: now)
            else { return }
            try await SendMessage.enqueue(stored, on: sql, now: now)
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// The signed page where a customer decides what marketing the shop may send them, and the
/// one-click unsubscribe (RFC 8058) that every marketing email names in `List-Unsubscribe`.
///
/// `/p/{shop}/{customer}/{signature}`: an HMAC under the shop's link key of the shop and the
/// customer's public id. The link is the customer's key: no account and no session. Opening it
/// changes nothing; only the page's form, or a POST to `…/unsubscribe`, does. Every change is a
/// consent or preference recorded with its source, on the timeline and in the audit log.
public struct PreferenceCentre: Sendable {
    public struct Choices: Sendable, Equatable {
        /// The channels the customer allows marketing on; the others are refused.
        public var marketing: Set<Channel>
        public var frequency: ContactPreferences.Frequency
        /// Pause marketing for a month (an existing pause is kept as it is).
        public var pause: Bool
        /// The kinds of marketing the customer wants; the others are turned off.
        public var topics: Set<ContactPreferences.Topic>

        public init(
            marketing: Set<Channel>, frequency: ContactPreferences.Frequency, pause: Bool,
            topics: Set<ContactPreferences.Topic> = Set(ContactPreferences.Topic.allCases)
        ) {
            self.marketing = marketing
            self.frequency = frequency
            self.pause = pause
            self.topics = topics
        }
    }

    private let links: SignedLinks

    public init(database: ParleyDatabase, clock: any WallClock, publicURL: String) {
        links = SignedLinks(database: database, clock: clock, publicURL: publicURL)
    }

    /// Where customers reach this installation, without a final slash.
    var publicURL: String { links.publicURL }

    /// The customer's preference centre and one-click unsubscribe under the shop's link `key`
    /// already read, for a batch of marketing emails.
    static func links(publicURL: String, shop: Shop, customer publicID: String, key: String) -> (url: String, unsubscribeURL: String) {
        let url = SignedLinks.link(publicURL: publicURL, "p/\(shop.slug)/\(publicID)", signing: message(shop, publicID), key: key)
        return (url, url + "/unsubscribe")
    }

    /// The customer's preference centre, within the caller's transaction (the key is made on first use).
    public func url(shop: Shop, customer publicID: String, on sql: DatabaseSession) async throws -> String {
        try await links.link("p/\(shop.slug)/\(publicID)", signing: Self.message(shop, publicID), shop: shop.id, on: sql)
    }

    /// The one-click unsubscribe address for `List-Unsubscribe`.
    public func unsubscribeURL(shop: Shop, customer publicID: String, on sql: DatabaseSession) async throws -> String {
        try await url(shop: shop, customer: publicID, on: sql) + "/unsubscribe"
    }

    /// The customer's signed links and current choices, for the shop's own messages and the API.
    public func links(shop: ShopID, customer publicID: String) async throws -> PreferenceLinks {
        try await links.database.transaction { sql in
            guard let shop = try await ShopRepository(sql).find(id: shop),
                let customer = try await CustomerRepository(sql).find(shop: shop.id, publicID: publicID), customer.erasedAt == nil
            else { throw CustomerError.customerNotFound(publicID) }
            let (url, unsubscribeURL) = try await links(for: shop, customer: publicID, on: sql)
            return PreferenceLinks(
                url: url, unsubscribeURL: unsubscribeURL,
                preferences: try await CustomerPreferencesRepository(sql).find(shop: shop.id, customerID: customer.id))
        }
    }

    /// The same links within the caller's transaction, for a message being built.
    func links(for shop: Shop, customer publicID: String, on sql: DatabaseSession) async throws -> (url: String, unsubscribeURL: String) {
        let url = try await url(shop: shop, customer: publicID, on: sql)
        return (url, url + "/unsubscribe")
    }

    /// The page the link shows.
    public func page(shopSlug: String, customer: String, signature: String) async throws -> PreferencePage {
        try await links.database.withConnection { sql in
            let (shop, found) = try await Self.verified(shopSlug, customer, signature, on: sql)
            return try await Self.page(shop, found, on: sql)
        }
    }

    /// Ends marketing email to the customer, from a mail client's one-click POST or the page's
    /// button; again is harmless. Order updates keep coming.
    public func unsubscribe(shopSlug: String, customer: String, signature: String, from address: String?) async throws
        -> PreferencePage
    {
        let now = links.clock.now()
        return try await links.database.transaction { sql in
            let (shop, found) = try await Self.verified(shopSlug, customer, signature, on: sql)
            if found.consent(.email, for: .marketing) != .revoked {
                try await RecordConsent.record(
                    Consent(channel: .email, purpose: .marketing, status: .revoked, source: "unsubscribe link", recordedAt: now),
                    shop: shop.id, customerID: found.id, on: sql, by: AuditActor(.link, name: "unsubscribe link", address: address))
            }
            return try await Self.page(shop, found, on: sql)
        }
    }

    /// Confirms marketing email from the double opt-in email's button; again is harmless.
    public func subscribe(shopSlug: String, customer: String, signature: String, from address: String?) async throws -> PreferencePage {
        let now = links.clock.now()
        return try await links.database.transaction { sql in
            let (shop, found) = try await Self.verified(shopSlug, customer, signature, on: sql)
            if found.consent(.email, for: .marketing) != .granted {
                try await RecordConsent.record(
                    Consent(channel: .email, purpose: .marketing, status: .granted, source: "double opt-in", recordedAt: now),
                    shop: shop.id, customerID: found.id, on: sql, by: AuditActor(.link, name: "double opt-in link", address: address))
            }
            return try await Self.page(shop, found, on: sql)
        }
    }

    /// Records what the customer chose on the page: consent per channel, frequency and pause.
    public func save(shopSlug: String, customer: String, signature: String, _ choices: Choices, from address: String?) async throws
        -> PreferencePage
    {
        let now = links.clock.now()
        return try await links.database.transaction { sql in
            let (shop, found) = try await Self.verified(shopSlug, customer, signature, on: sql)
            let actor = AuditActor(.link, name: "preference centre", address: address)
            for state in try await Self.page(shop, found, on: sql).channels where !state.closed {
                let wanted = choices.marketing.contains(state.channel)
                guard wanted != state.marketing else { continue }
                try await RecordConsent.record(
                    Consent(
                        channel: state.channel, purpose: .marketing, status: wanted ? .granted : .revoked, source: "preference centre",
                        recordedAt: now),
                    shop: shop.id, customerID: found.id, on: sql, by: actor)
            }
            let stored = CustomerPreferencesRepository(sql)
            let before = try await stored.find(shop: shop.id, customerID: found.id)
            let stillPaused = before.pausedUntil.map { $0 > now } == true
            var after = ContactPreferences(
                frequency: choices.frequency, topicsOff: Set(ContactPreferences.Topic.allCases).subtracting(choices.topics))
            if choices.pause { after.pausedUntil = stillPaused ? before.pausedUntil : now + ContactPreferences.pauseLength }
            if after != before {
                try await stored.save(shop: shop.id, customerID: found.id, after, now: now)
                try await Self.note(after, shop: shop.id, customerID: found.id, by: actor, on: sql, now: now)
            }
            return try await Self.page(shop, found, on: sql)
        }
    }

    private static func note(
        _ preferences: ContactPreferences, shop: ShopID, customerID: Int64, by actor: AuditActor, on sql: DatabaseSession, now: Date
    ) async throws {
        var data = ["frequency": preferences.frequency.rawValue]
        if !preferences.topicsOff.isEmpty { data["topics_off"] = preferences.topicsOff.map(\.rawValue).sorted().joined(separator: ",") }
        if let until = preferences.pausedUntil { data["paused_until"] = until.formatted(.iso8601) }
        let paused =
            (preferences.pausedUntil.map { ", marketing paused until \($0.formatted(.iso8601))" } ?? "")
            + (data["topics_off"].map { ", no \($0.replacingOccurrences(of: ",", with: ", no "))" } ?? "")
        try await TimelineRepository(sql).append(
            shop: shop, customerID: customerID, kind: .preferencesChanged, at: now,
            summary: "Marketing frequency \(preferences.frequency.rawValue)\(paused) (preference centre)", data: data)
        try await AuditLog.append(
            shop: shop, actor, "preferences.changed", target: try await CustomerRepository(sql).find(shop: shop, id: customerID)?.publicID,
            detail: data, on: sql, at: now)
    }

    private static func page(_ shop: Shop, _ customer: Customer, on sql: DatabaseSession) async throws -> PreferencePage {
        // Read again: a change made in this transaction shows at once.
        let current = try await CustomerRepository(sql).find(shop: shop.id, id: customer.id) ?? customer
        let channels = Channel.allCases.compactMap { channel -> PreferencePage.ChannelState? in
            guard let address = current.address(for: channel) else { return nil }
            return PreferencePage.ChannelState(
                channel: channel, maskedAddress: mask(address, channel), marketing: current.consent(channel, for: .marketing) == .granted,
                closed: current.consent(channel, for: .transactional) == .revoked)
        }
        return PreferencePage(
            shop: shop, customerPublicID: current.publicID, customerLocale: current.locale, customerTimeZone: current.timeZone,
            channels: channels,
            preferences: try await CustomerPreferencesRepository(sql).find(shop: shop.id, customerID: current.id))
    }

    /// `o•••@example.pl`, `+48•••••••67`: enough to recognise, not to harvest from a forwarded link.
    static func mask(_ address: String, _ channel: Channel) -> String {
        switch channel {
        case .email:
            guard let at = address.lastIndex(of: "@") else { return "•••" }
            return String(address[..<at].prefix(1)) + "•••" + String(address[at...])
        case .sms:
            return String(address.prefix(3)) + String(repeating: "•", count: max(0, address.count - 5)) + String(address.suffix(2))
        }
    }

    private static func verified(_ shopSlug: String, _ customer: String, _ signature: String, on sql: DatabaseSession) async throws
        -> (Shop, Customer)
    {
        guard let shop = try await ShopRepository(sql).find(slug: shopSlug),
            try await ShopLinkSigner.isValid(signature, for: message(shop, customer), shop: shop.id, on: sql),
            let found = try await CustomerRepository(sql).find(shop: shop.id, publicID: customer), found.erasedAt == nil
        else { throw PreferenceError.linkNotFound }
        return (shop, found)
    }

    private static func message(_ shop: Shop, _ customer: String) -> String { "preferences:\(shop.slug):\(customer)" }
}

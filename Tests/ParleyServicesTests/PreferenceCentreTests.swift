import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// The signed preference centre and one-click unsubscribe, as the use case sees them: the link is
/// the key, opening it changes nothing, and each change is a consent or preference with its source.
@Suite("Preference centre")
struct PreferenceCentreTests {
    /// A shop, a customer with an email address and a phone number who allowed marketing by email,
    /// and the parts of their signed link.
    struct Subscribed {
        let world: World
        let centre: PreferenceCentre
        let customer: Customer
        let signature: String

        init(_ database: ParleyDatabase) async throws {
            world = try await World.given(database)
            centre = PreferenceCentre(database: database, clock: world.clock, publicURL: "https://help.acme.test/")
            (customer, _) = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .email, value: "ola@example.pl"), .init(kind: .phone, value: "+48601234567")],
                    consents: [.init(channel: .email, status: .granted, source: "checkout")]))
            let (shop, customer, centre) = (world.shop, customer, centre)
            let url = try await database.transaction { sql in try await centre.url(shop: shop, customer: customer.publicID, on: sql) }
            #expect(url.hasPrefix("https://help.acme.test/p/acme/\(customer.publicID)/"))
            signature = String(url.split(separator: "/").last ?? "")
        }

        func customerNow() async throws -> Customer {
            try await ReadCustomers(database: world.database).customer(shop: world.shop.id, publicID: customer.publicID)
        }
    }

    @Test(
        "the page shows each reachable channel partly hidden, with its marketing choice, and changes nothing",
        arguments: TestDatabase.available)
    func page(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let subscribed = try await Subscribed(database)
            let page = try await subscribed.centre.page(
                shopSlug: "acme", customer: subscribed.customer.publicID, signature: subscribed.signature)
            #expect(
                page.channels == [
                    .init(channel: .email, maskedAddress: "o•••@example.pl", marketing: true, closed: false),
                    .init(channel: .sms, maskedAddress: "+48•••••••67", marketing: false, closed: false),
                ])
            #expect(page.preferences == ContactPreferences())
            #expect(try await subscribed.customerNow().consents == subscribed.customer.consents)
        }
    }

    @Test(
        "a wrong signature, another shop's slug or an erased customer is one and the same missing link", arguments: TestDatabase.available)
    func refusals(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let subscribed = try await Subscribed(database)
            let other = try await subscribed.world.otherShop()
            let id = subscribed.customer.publicID
            for (shop, customer, signature) in [
                ("acme", id, "AAAAAAAAAAAAAAAAAAAAAA"), (other.slug, id, subscribed.signature),
                ("acme", "cus_nobody", subscribed.signature),
                ("nowhere", id, subscribed.signature),
            ] {
                await #expect(throws: PreferenceError.linkNotFound) {
                    try await subscribed.centre.page(shopSlug: shop, customer: customer, signature: signature)
                }
                await #expect(throws: PreferenceError.linkNotFound) {
                    try await subscribed.centre.unsubscribe(shopSlug: shop, customer: customer, signature: signature, from: nil)
                }
            }
            try await EraseCustomer(database: database, clock: subscribed.world.clock).erase(shop: subscribed.world.shop.id, customer: id)
            await #expect(throws: PreferenceError.linkNotFound) {
                try await subscribed.centre.page(shopSlug: "acme", customer: id, signature: subscribed.signature)
            }
        }
    }

    @Test("one-click unsubscribe ends marketing email once, keeps order updates, and says who did it", arguments: TestDatabase.available)
    func unsubscribe(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let subscribed = try await Subscribed(database)
            let id = subscribed.customer.publicID
            for _ in 0..<2 {
                subscribed.world.clock.advance(by: 60)
                let page = try await subscribed.centre.unsubscribe(
                    shopSlug: "acme", customer: id, signature: subscribed.signature, from: "203.0.113.9")
                #expect(page.channels.first?.marketing == false)
            }
            let after = try await subscribed.customerNow()
            #expect(!after.allowsMarketing(on: .email))
            #expect(ChannelChoice.channels(for: after, purpose: .transactional, enabled: [.email]) == .send([.email]))
            let timeline = try await ReadCustomers(database: database).timeline(
                shop: subscribed.world.shop.id, publicID: id, cursor: nil, limit: 50)
            #expect(timeline.items.filter { $0.data["source"] == "unsubscribe link" }.count == 1, "posting twice records once")
            let audit = try await AuditLog(database: database, clock: subscribed.world.clock).list(
                shop: subscribed.world.shop.id, cursor: nil, limit: 50)
            #expect(
                audit.items.contains {
                    $0.action == "consent.changed" && $0.actor.name == "unsubscribe link" && $0.actor.address == "203.0.113.9"
                })
        }
    }

    @Test("the form grants and refuses per channel, sets the frequency, and pauses for a month", arguments: TestDatabase.available)
    func save(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let subscribed = try await Subscribed(database)
            let id = subscribed.customer.publicID
            let now = subscribed.world.clock.now()
            let page = try await subscribed.centre.save(
                shopSlug: "acme", customer: id, signature: subscribed.signature,
                .init(marketing: [.sms], frequency: .weekly, pause: true), from: nil)
            #expect(page.channels.map(\.marketing) == [false, true])
            #expect(page.preferences == ContactPreferences(frequency: .weekly, pausedUntil: now + ContactPreferences.pauseLength))
            let after = try await subscribed.customerNow()
            #expect(!after.allowsMarketing(on: .email) && after.allowsMarketing(on: .sms))
            #expect(after.consents.filter { $0.purpose == .marketing }.allSatisfy { $0.source == "preference centre" })
            // Saving again later keeps the pause's end; unticking it ends the pause.
            subscribed.world.clock.advance(by: 86400)
            let again = try await subscribed.centre.save(
                shopSlug: "acme", customer: id, signature: subscribed.signature,
                .init(marketing: [.sms], frequency: .weekly, pause: true), from: nil)
            #expect(again.preferences.pausedUntil == now + ContactPreferences.pauseLength)
            let resumed = try await subscribed.centre.save(
                shopSlug: "acme", customer: id, signature: subscribed.signature,
                .init(marketing: [.sms], frequency: .monthly, pause: false), from: nil)
            #expect(resumed.preferences == ContactPreferences(frequency: .monthly))
            let timeline = try await ReadCustomers(database: database).timeline(
                shop: subscribed.world.shop.id, publicID: id, cursor: nil, limit: 50)
            #expect(timeline.items.filter { $0.kind == .preferencesChanged }.count == 2, "an unchanged save records nothing")
        }
    }

    @Test(
        "a customer who turns reminders off gets no abandoned-cart email, and still gets news",
        arguments: TestDatabase.available)
    func topics(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let subscribed = try await Subscribed(database)
            let page = try await subscribed.centre.save(
                shopSlug: "acme", customer: subscribed.customer.publicID, signature: subscribed.signature,
                .init(marketing: [.email], frequency: .shop, pause: false, topics: [.news, .tips]), from: nil)
            #expect(page.preferences.topicsOff == [.reminders])
            let stored = try await database.withConnection { sql in
                try await CustomerPreferencesRepository(sql).find(shop: subscribed.world.shop.id, customerID: subscribed.customer.id)
            }
            #expect(stored.topicsOff == [.reminders])
            let shop = try #require(
                try await database.withConnection { sql in try await ShopRepository(sql).find(id: subscribed.world.shop.id) })
            for topic in ["marketing.abandoned_cart", "marketing.campaign"] {
                let decision = try await database.transaction { sql in
                    let message = try #require(
                        try await MessageRepository(sql).insert(
                            shop: shop.id, publicID: "msg_\(topic)",
                            NewMessage(
                                customerID: subscribed.customer.id, orderID: nil, channel: .email, topic: topic, locale: "pl",
                                recipient: "ola@example.pl", subject: "s", text: "t", html: nil, messageID: nil, dedupeKey: topic),
                            now: subscribed.world.clock.now()))
                    return try await ContactGate.decide(message, shop: shop, settings: [:], now: subscribed.world.clock.now(), on: sql)
                }
                #expect(decision == (topic == "marketing.campaign" ? .send : .refuse(because: .topicOff)), "\(topic)")
            }
        }
    }

    @Test("a channel closed by STOP stays closed: the form cannot grant marketing on it", arguments: TestDatabase.available)
    func closedChannel(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let subscribed = try await Subscribed(database)
            try await RecordSMSCallback(database: database, clock: subscribed.world.clock)(
                shop: subscribed.world.shop.id,
                .inbound(InboundSMS(from: "+48601234567", to: "Kubki", body: "STOP", providerMessageID: nil)))
            let page = try await subscribed.centre.save(
                shopSlug: "acme", customer: subscribed.customer.publicID, signature: subscribed.signature,
                .init(marketing: [.email, .sms], frequency: .shop, pause: false), from: nil)
            #expect(page.channels.last == .init(channel: .sms, maskedAddress: "+48•••••••67", marketing: false, closed: true))
            #expect(try await subscribed.customerNow().consent(.sms, for: .marketing) == .revoked)
        }
    }
}

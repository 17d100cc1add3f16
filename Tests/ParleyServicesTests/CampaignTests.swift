import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// A campaign from its segment to the outbox: each member with consent gets it once, in their
/// language, at the scheduled moment; the budget holds a third marketing email of the day until
/// the next morning; a cancelled campaign queues nobody.
@Suite("Campaigns")
struct CampaignTests {
    struct Shop {
        let base: MarketingShop
        let campaigns: ManageCampaigns
        let job: SendCampaign
        var world: World { base.world }

        init(_ database: ParleyDatabase) async throws {
            base = try await MarketingShop(database)
            campaigns = ManageCampaigns(database: database, clock: base.world.clock)
            job = SendCampaign(database: database, clock: base.world.clock, catalogs: try MessageCatalogs(), preferences: base.preferences)
        }

        @discardableResult
        func customer(_ email: String, name: String, locale: String?, consent: Bool = true) async throws -> Customer {
            try await UpsertCustomer(database: world.database, clock: world.clock)(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .email, value: email)], name: name, locale: locale,
                    consents: consent ? [.init(channel: .email, status: .granted, source: "newsletter form")] : [])
            ).customer
        }

        func segment(_ conditions: [SegmentCondition]) async throws -> String {
            try await ManageSegments(database: world.database, clock: world.clock).create(
                shop: world.shop.id, name: "Audience \(UUID().uuidString.prefix(4))", rule: SegmentRule(conditions: conditions), by: .system
            ).segment.publicID
        }

        func runDue() async throws { try await base.runDue(job) }

        func sent() async throws -> [OutboxEntry] { try await base.sent() }
    }

    static let contents = [
        "pl": Campaign.Content(
            subject: "{{shop}}: nowa kawa", body: "Dzień dobry{{#name}} {{name}}{{/name}},\n\nmamy nową kawę z Etiopii."),
        "en": Campaign.Content(
            subject: "{{shop}}: a new coffee", body: "Hello{{#name}} {{name}}{{/name}},\n\nwe have a new coffee from Ethiopia."),
    ]

    @Test(
        "a scheduled campaign reaches each consenting member once, in their language, at its moment; others are counted, not mailed",
        arguments: TestDatabase.available)
    func sends(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database)
            try await shop.customer("zofia@example.pl", name: "Zofia Nowak", locale: "pl-PL")
            try await shop.customer("john@example.com", name: "John Smith", locale: "en-GB")
            try await shop.customer("eleni@example.gr", name: "Eleni", locale: "el")
            try await shop.customer("jan@example.pl", name: "Jan", locale: "pl", consent: false)
            let audience = try await shop.segment([SegmentCondition(.joined)])
            let created = try await shop.campaigns.create(
                shop: shop.world.shop.id, .init(name: "Ethiopia", segment: audience, contents: Self.contents), by: .system)
            let id = created.campaign.publicID
            _ = try await shop.campaigns.schedule(shop: shop.world.shop.id, id: id, at: shop.world.clock.now() + 3600, by: .system)
            try await shop.runDue()
            #expect(try await shop.sent().isEmpty, "not before its moment")
            shop.world.clock.advance(by: 3600)
            try await shop.runDue()
            let sent = try await shop.sent()
            #expect(sent.count == 3)
            #expect(sent.first { $0.recipient == "zofia@example.pl" }?.subject == "Acme: nowa kawa")
            #expect(sent.first { $0.recipient == "zofia@example.pl" }?.body.hasPrefix("Dzień dobry Zofia,") == true)
            #expect(sent.first { $0.recipient == "john@example.com" }?.subject == "Acme: a new coffee")
            let eleni = try #require(sent.first { $0.recipient == "eleni@example.gr" })
            #expect(eleni.subject == "Acme: a new coffee", "no Greek text: the shop's language, English")
            #expect(sent.allSatisfy { $0.body.contains("https://help.acme.test/p/acme/") && $0.body.contains("/unsubscribe") })
            let detail = try await shop.campaigns.detail(shop: shop.world.shop.id, id: id)
            #expect(
                detail.campaign.status == .sent && detail.outcomes == ["queued": 3, "no_consent": 1]
                    && detail.results.messages == ["sent": 3])
            // The job again, as after a crash: nobody gets it twice.
            try await database.transaction { sql in
                _ = try await JobQueue.enqueue(
                    NewJob(
                        shop: shop.world.shop.id, kind: SendCampaign.kind, payload: "\(detail.campaign.id):0", runAt: shop.world.clock.now()
                    ),
                    on: sql, now: shop.world.clock.now())
            }
            try await shop.runDue()
            #expect(try await shop.sent().count == 3)

            // Two days on Zofia orders and Eleni leaves marketing email (both put down to the campaign); a week on, John's order and leaving are not.
            shop.world.clock.advance(by: 2 * 86400)
            let people = try await ReadCustomers(database: database).list(shop: shop.world.shop.id, cursor: nil, limit: 10).items
            for (id, email) in [("z1", "zofia@example.pl"), ("j1", "john@example.com")] {
                if id == "j1" {
                    let eleni = try #require(people.first { $0.name == "Eleni" })
                    _ = try await RecordConsent(database: database, clock: shop.world.clock)(
                        shop: shop.world.shop.id, customer: eleni.publicID, channel: .email, status: .revoked, source: "unsubscribe link")
                    shop.world.clock.advance(by: 5 * 86400)
                }
                _ = try await IngestOrderEvent(database: database, clock: shop.world.clock)(
                    shop: shop.world.shop.id,
                    OrderEvent(
                        source: "api", eventID: id, externalOrderID: id, number: "#\(id)", stage: .accepted,
                        occurredAt: shop.world.clock.now(), customer: OrderCustomer(email: email), currency: "PLN", totalMinor: 12_900,
                        items: [], shipment: nil))
            }
            let john = try #require(people.first { $0.name == "John Smith" })
            _ = try await RecordConsent(database: database, clock: shop.world.clock)(
                shop: shop.world.shop.id, customer: john.publicID, channel: .email, status: .revoked, source: "unsubscribe link")
            let results = try await shop.campaigns.detail(shop: shop.world.shop.id, id: id).results
            #expect(results.orders == 1 && results.revenue == ["PLN": 12_900], "only the order within five days")
            #expect(results.unsubscribed == 1, "Eleni left two days after the email; John a week after, past the window")
        }
    }

    @Test(
        "a third marketing email in one day waits for tomorrow with the reason; a cancelled campaign queues nobody",
        arguments: TestDatabase.available)
    func budgetAndCancel(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database)
            try await shop.customer("zofia@example.pl", name: "Zofia Nowak", locale: "pl")
            let audience = try await shop.segment([SegmentCondition(.consent, channel: .email)])
            for name in ["Morning", "Noon", "Evening"] {
                let campaign = try await shop.campaigns.create(
                    shop: shop.world.shop.id, .init(name: name, segment: audience, contents: Self.contents), by: .system)
                _ = try await shop.campaigns.schedule(shop: shop.world.shop.id, id: campaign.campaign.publicID, at: nil, by: .system)
                try await shop.runDue()
                shop.world.clock.advance(by: 3 * 3600)
            }
            #expect(try await shop.sent().count == 2, "two marketing emails a day, the default cap")
            let held = try await MessageRepository.all(shop.world, topic: "marketing.campaign").filter { $0.status == .queued }
            let third = try #require(held.first)
            #expect(third.heldBecause.first?.code == "cap:2/day", "\(third.heldBecause)")
            let morning = try #require(third.heldUntil)
            #expect(morning > shop.world.clock.now() && morning.timeIntervalSince(shop.world.clock.now()) < 86400)

            let later = try await shop.campaigns.create(
                shop: shop.world.shop.id, .init(name: "Later", segment: audience, contents: Self.contents), by: .system)
            _ = try await shop.campaigns.schedule(
                shop: shop.world.shop.id, id: later.campaign.publicID, at: shop.world.clock.now() + 86400, by: .system)
            _ = try await shop.campaigns.cancel(shop: shop.world.shop.id, id: later.campaign.publicID, by: .system)
            shop.world.clock.advance(by: 2 * 86400)
            try await shop.runDue()
            let detail = try await shop.campaigns.detail(shop: shop.world.shop.id, id: later.campaign.publicID)
            #expect(detail.campaign.status == .cancelled && detail.outcomes.isEmpty)
            await #expect(throws: SegmentError.self) {
                let pending = try await shop.campaigns.create(
                    shop: shop.world.shop.id, .init(name: "Pending", segment: audience, contents: Self.contents), by: .system)
                _ = try await shop.campaigns.schedule(
                    shop: shop.world.shop.id, id: pending.campaign.publicID, at: shop.world.clock.now() + 86400, by: .system)
                try await ManageSegments(database: database, clock: shop.world.clock).delete(
                    shop: shop.world.shop.id, id: audience, by: .system)
            }
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// The ready-made recipes beyond the cart, from their trigger to the email in the outbox, on a test
/// clock: each sends once, in the customer's language, at its moment, and its goal stops it.
@Suite("Flow recipes")
struct FlowRecipesTests {
    static let day: TimeInterval = 86400

    /// A shop with the given recipes on, and a way to run what is due.
    struct Shop {
        let base: MarketingShop
        let flow: RunFlow
        var world: World { base.world }

        init(_ database: ParleyDatabase, on recipes: [String: String]) async throws {
            base = try await MarketingShop(database)
            let world = base.world
            flow = RunFlow(database: database, clock: world.clock, catalogs: try MessageCatalogs(), preferences: base.preferences)
            for (recipe, wait) in recipes {
                _ = try await ManageFlows(database: database, clock: world.clock).update(
                    shop: world.shop.id, recipe: recipe, enabled: true, wait: wait, by: .system)
            }
            try await world.database.withConnection { sql in
                try await ShopSettingsRepository(sql).set(
                    shop: world.shop.id, key: "shop.url", value: "https://kubki.example", now: world.clock.now())
            }
        }

        func customer(_ email: String, locale: String, consent: Bool = true) async throws -> Customer {
            try await base.customer(email, locale: locale, consent: consent)
        }

        func order(_ id: String, email: String, stage: OrderStage, items: [OrderItem]) async throws {
            _ = try await IngestOrderEvent(database: world.database, clock: world.clock)(
                shop: world.shop.id,
                OrderEvent(
                    source: "api", eventID: "\(id):\(stage.rawValue)", externalOrderID: id, number: "#\(id)", stage: stage,
                    occurredAt: world.clock.now(), customer: OrderCustomer(email: email), currency: "PLN", totalMinor: 9_800,
                    items: items, shipment: nil))
        }

        func viewed(_ customer: Customer, _ product: String, name: String) async throws {
            _ = try await RecordCustomerActivity(database: world.database, clock: world.clock)(
                shop: world.shop.id,
                [
                    .init(
                        eventID: "\(customer.publicID):\(product):\(world.clock.now().timeIntervalSince1970)",
                        customer: .init(id: customer.publicID),
                        event: CustomerEventInput(type: "product", url: "https://kubki.example/p/\(product)", id: product, name: name))
                ])
        }

        /// Moves the clock on by `days`, a day at a time, running what comes due each day.
        func pass(days: Int) async throws {
            for _ in 0..<days {
                world.clock.advance(by: FlowRecipesTests.day)
                try await runDue()
            }
        }

        func runDue() async throws { try await base.runDue(flow) }

        func sent() async throws -> [OutboxEntry] { try await base.sent() }

        func runs(_ recipe: String) async throws -> [String: Int] {
            try await ManageFlows(database: world.database, clock: world.clock).list(shop: world.shop.id)
                .first { $0.settings.recipe.rawValue == recipe }?.runs ?? [:]
        }
    }

    static let coffee = OrderItem(sku: "KAWA-1KG", name: "Kawa ziarnista 1 kg", quantity: 2, unitPriceMinor: 4_900)
    static let mug = OrderItem(sku: "KUB-01", name: "Kubek zielony", quantity: 1, unitPriceMinor: 3_900)

    @Test(
        "replenishment: coffee is offered again 30 days after delivery, the mug at the flow's 60; ordering the mug again ends its run",
        arguments: TestDatabase.available)
    func replenishment(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database, on: ["replenishment": "60d"])
            _ = try await ManageFlows(database: database, clock: shop.world.clock).update(
                shop: shop.world.shop.id, recipe: "replenishment", enabled: nil, wait: nil, intervals: ["KAWA-1KG": 30], by: .system)
            _ = try await shop.customer("zofia@example.pl", locale: "pl-PL")
            try await shop.order("1001", email: "zofia@example.pl", stage: .accepted, items: [Self.coffee, Self.mug])
            try await shop.pass(days: 2)
            try await shop.order("1001", email: "zofia@example.pl", stage: .delivered, items: [])
            #expect(try await shop.runs("replenishment") == ["waiting": 2], "one run per product lifetime")

            try await shop.pass(days: 29)
            #expect(try await shop.sent().isEmpty, "29 days after delivery the coffee is not out yet")
            try await shop.pass(days: 1)
            let mail = try #require(try await shop.sent().first)
            #expect(
                mail.recipient == "zofia@example.pl" && mail.subject?.hasPrefix("Acme:") == true && mail.body.hasPrefix("Dzień dobry Zofia")
            )
            #expect(mail.body.contains("Kawa ziarnista 1 kg") && !mail.body.contains("Kubek"), "\(mail.body)")
            #expect(mail.body.contains("https://kubki.example") && mail.body.contains("https://help.acme.test/p/acme/"))

            try await shop.pass(days: 9)
            try await shop.order("1002", email: "zofia@example.pl", stage: .accepted, items: [Self.mug])
            try await shop.pass(days: 25)
            #expect(try await shop.sent().count == 1, "the mug was ordered again before its 60 days")
            #expect(try await shop.runs("replenishment") == ["sent": 1, "reordered": 1])
        }
    }

    @Test(
        "a repeat order is thanked the next day; the win-back of the first order gives way to the second, whose own goes after its wait",
        arguments: TestDatabase.available)
    func thankYouAndWinBack(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database, on: ["thank_you": "1d", "win_back": "30d"])
            _ = try await shop.customer("eleni@example.gr", locale: "el")
            try await shop.order("2001", email: "eleni@example.gr", stage: .accepted, items: [Self.mug])
            try await shop.pass(days: 10)
            #expect(try await shop.sent().isEmpty, "a first order gets no thank-you for returning")
            try await shop.order("2002", email: "eleni@example.gr", stage: .accepted, items: [Self.coffee])
            try await shop.pass(days: 1)
            let thanks = try #require(try await shop.sent().first)
            #expect(thanks.body.contains("#2002") && thanks.recipient == "eleni@example.gr", "\(thanks.body)")
            #expect(try await shop.sent().count == 1)

            try await shop.pass(days: 25)
            #expect(try await shop.runs("win_back") == ["ordered": 1, "waiting": 1], "the first order's win-back gave way")
            try await shop.pass(days: 5)
            let sent = try await shop.sent()
            #expect(sent.count == 2, "\(sent.map(\.subject))")
            #expect(
                sent.contains { $0.subject != thanks.subject && $0.body.contains("https://kubki.example") }, "the win-back links the shop")
            #expect(try await shop.runs("win_back") == ["ordered": 1, "sent": 1])
        }
    }

    @Test(
        "welcome goes ten minutes after marketing consent, once; after delivery, the how-to lists what arrived, not for a refunded order",
        arguments: TestDatabase.available)
    func welcomeAndAfterDelivery(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database, on: ["welcome": "10m", "post_purchase": "3d"])
            _ = try await shop.customer("anna@example.com", locale: "en")
            _ = try await shop.customer("jan@example.pl", locale: "pl", consent: false)
            _ = try await shop.customer("maria@example.ru", locale: "ru")
            shop.world.clock.advance(by: 599)
            try await shop.runDue()
            #expect(try await shop.sent().isEmpty)
            shop.world.clock.advance(by: 1)
            try await shop.runDue()
            #expect(try await shop.sent().map(\.recipient).sorted() == ["anna@example.com", "maria@example.ru"], "no consent, no welcome")
            let welcome = try #require(try await shop.sent().first { $0.recipient == "anna@example.com" })
            #expect(welcome.recipient == "anna@example.com" && welcome.subject == "Welcome to Acme")
            #expect(welcome.body.contains("See what is new: https://kubki.example"))
            // Consent given again (after a withdrawal) is no new welcome.
            let anna = try await shop.customer("anna@example.com", locale: "en", consent: false)
            _ = try await RecordConsent(database: database, clock: shop.world.clock)(
                shop: shop.world.shop.id, customer: anna.publicID, channel: .email, status: .revoked, source: "preferences")
            _ = try await RecordConsent(database: database, clock: shop.world.clock)(
                shop: shop.world.shop.id, customer: anna.publicID, channel: .email, status: .granted, source: "preferences")

            try await shop.order("3001", email: "anna@example.com", stage: .delivered, items: [Self.mug])
            try await shop.order("3002", email: "anna@example.com", stage: .delivered, items: [Self.coffee])
            try await shop.order("3002", email: "anna@example.com", stage: .refunded, items: [])
            try await shop.pass(days: 3)
            let sent = try await shop.sent()
            #expect(sent.count == 3, "\(sent.map(\.subject))")
            let howTo = try #require(sent.first { $0.subject?.contains("3001") == true })
            #expect(howTo.body.contains("1 × Kubek zielony") && howTo.body.contains("reply to this email"))
            #expect(try await shop.runs("post_purchase") == ["sent": 1, "cancelled": 1])
            #expect(try await shop.runs("welcome") == ["sent": 2])
        }
    }

    @Test(
        "browse abandonment names what was viewed a day after the last view; a checkout since hands over to the cart's flow",
        arguments: TestDatabase.available)
    func browse(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database, on: ["browse_abandonment": "1d"])
            let zofia = try await shop.customer("zofia@example.pl", locale: "pl")
            let jan = try await shop.customer("jan@example.pl", locale: "pl")
            try await shop.viewed(zofia, "KUB-01", name: "Kubek zielony")
            try await shop.viewed(jan, "KUB-01", name: "Kubek zielony")
            shop.world.clock.advance(by: 3600)
            try await shop.viewed(zofia, "KAWA-1KG", name: "Kawa ziarnista 1 kg")
            _ = try await RecordCustomerActivity(database: database, clock: shop.world.clock)(
                shop: shop.world.shop.id,
                [
                    .init(
                        eventID: "jan-checkout", customer: .init(id: jan.publicID),
                        event: CustomerEventInput(type: "checkout", items: [.init(id: "KUB-01", quantity: 1)], checkout: "j1"))
                ])
            shop.world.clock.advance(by: Self.day - 1800)
            try await shop.runDue()
            #expect(try await shop.sent().isEmpty, "a day from the last view, not the first")
            shop.world.clock.advance(by: 1800)
            try await shop.runDue()
            let mail = try #require(try await shop.sent().first)
            #expect(mail.recipient == "zofia@example.pl")
            #expect(mail.body.contains("- Kawa ziarnista 1 kg: https://kubki.example/p/KAWA-1KG") && mail.body.contains("Kubek zielony"))
            let runs = try await shop.runs("browse_abandonment")
            #expect(runs == ["sent": 1, "checked_out": 1])
            // Another view within the week starts nothing new.
            try await shop.viewed(zofia, "KUB-02", name: "Kubek niebieski")
            try await shop.pass(days: 2)
            #expect(try await shop.sent().count == 1)
        }
    }

    @Test(
        "a flow kept to a segment writes only to its members; the segment cannot be deleted while the flow uses it",
        arguments: TestDatabase.available)
    func keptToSegment(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database, on: ["welcome": "10m"])
            let segments = ManageSegments(database: database, clock: shop.world.clock)
            let greek = try await segments.create(
                shop: shop.world.shop.id, name: "Greek readers",
                rule: SegmentRule(conditions: [SegmentCondition(.language, language: "el")]),
                by: .system)
            _ = try await ManageFlows(database: database, clock: shop.world.clock).update(
                shop: shop.world.shop.id, recipe: "welcome", enabled: nil, wait: nil, segment: greek.segment.publicID, by: .system)
            _ = try await shop.customer("eleni@example.gr", locale: "el")
            _ = try await shop.customer("zofia@example.pl", locale: "pl")
            shop.world.clock.advance(by: 600)
            try await shop.runDue()
            #expect(try await shop.sent().map(\.recipient) == ["eleni@example.gr"])
            #expect(try await shop.runs("welcome") == ["sent": 1, "not_in_segment": 1])
            await #expect(throws: SegmentError.inUse("welcome")) {
                try await segments.delete(shop: shop.world.shop.id, id: greek.segment.publicID, by: .system)
            }
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// The abandoned-cart recipe from a checkout to the email in the outbox: one reminder in the
/// customer's language after the wait, none after an order, none without consent.
@Suite("Abandoned cart flow")
struct AbandonedCartFlowTests {
    /// A shop with the recipe on, and a way to post a customer's checkout and run due jobs.
    struct Shop {
        let base: MarketingShop
        let record: RecordCustomerActivity
        let flow: RunFlow
        var world: World { base.world }
        var outbox: DemoOutbox { base.outbox }

        init(_ database: ParleyDatabase) async throws {
            base = try await MarketingShop(database)
            let world = base.world
            record = RecordCustomerActivity(database: database, clock: world.clock)
            flow = RunFlow(database: database, clock: world.clock, catalogs: try MessageCatalogs(), preferences: base.preferences)
            _ = try await ManageFlows(database: database, clock: world.clock).update(
                shop: world.shop.id, recipe: "abandoned_cart", enabled: true, wait: "1h", by: .system)
        }

        func customer(_ email: String, locale: String, consent: Bool = true) async throws -> Customer {
            try await base.customer(email, locale: locale, consent: consent)
        }

        func checkout(_ customer: Customer, id: String, quantity: Int = 2) async throws {
            _ = try await record(
                shop: world.shop.id, source: "shopify",
                [
                    .init(
                        eventID: "\(id):\(quantity)", customer: .init(id: customer.publicID),
                        event: CustomerEventInput(
                            type: "checkout", url: "https://kubki.example/checkouts/\(id)", currency: "PLN",
                            items: [.init(id: "KUB-01", name: "Kubek zielony", quantity: quantity, price: "49.00")], total: "98.00",
                            checkout: id))
                ])
        }

        /// Runs the flow's due jobs, then the sending.
        func runDue() async throws { try await base.runDue(flow) }

        func runs() async throws -> [String: Int] {
            try await ManageFlows(database: world.database, clock: world.clock).list(shop: world.shop.id).first?.runs ?? [:]
        }
    }

    @Test(
        "a checkout left for an hour gets one Polish reminder with its items, link and one-click unsubscribe",
        arguments: TestDatabase.available)
    func reminder(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database)
            let zofia = try await shop.customer("zofia@example.pl", locale: "pl-PL", consent: true)
            try await shop.checkout(zofia, id: "c-1")
            shop.world.clock.advance(by: 30 * 60)
            try await shop.checkout(zofia, id: "c-1", quantity: 3)  // still shopping: the hour counts from here
            shop.world.clock.advance(by: 45 * 60)
            try await shop.runDue()
            #expect(try await shop.outbox.list(shop: shop.world.shop.id, cursor: nil, limit: 5).items.isEmpty)
            shop.world.clock.advance(by: 15 * 60)
            try await shop.runDue()
            let sent = try await shop.outbox.list(shop: shop.world.shop.id, cursor: nil, limit: 5).items
            #expect(sent.count == 1)
            let mail = try #require(sent.first)
            #expect(mail.recipient == "zofia@example.pl" && mail.subject == "Acme: Twój koszyk czeka")
            #expect(mail.body.contains("Dzień dobry Zofia") && mail.body.contains("- 3 × Kubek zielony (49.00 PLN)"))
            #expect(mail.body.contains("https://kubki.example/checkouts/c-1") && mail.body.contains("https://help.acme.test/p/acme/"))
            let message = try #require(try await MessageRepository.all(shop.world, topic: "marketing.abandoned_cart").first)
            #expect(message.listUnsubscribe?.hasSuffix("/unsubscribe") == true && message.expiresAt != nil)
            #expect(SendMessage.headers(for: message).map(\.0) == ["Auto-Submitted", "List-Unsubscribe", "List-Unsubscribe-Post"])
            // Later changes to the same checkout start nothing new.
            try await shop.checkout(zofia, id: "c-1", quantity: 4)
            shop.world.clock.advance(by: 2 * 3600)
            try await shop.runDue()
            #expect(try await shop.outbox.list(shop: shop.world.shop.id, cursor: nil, limit: 5).items.count == 1)
            #expect(try await shop.runs() == ["sent": 1])
        }
    }

    @Test("an order placed after the checkout ends the run; a customer without consent gets nothing", arguments: TestDatabase.available)
    func noReminder(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database)
            let zofia = try await shop.customer("zofia@example.pl", locale: "pl-PL", consent: true)
            let jan = try await shop.customer("jan@example.pl", locale: "pl-PL", consent: false)
            try await shop.checkout(zofia, id: "c-2")
            try await shop.checkout(jan, id: "c-3")
            shop.world.clock.advance(by: 20 * 60)
            _ = try await IngestOrderEvent(database: database, clock: shop.world.clock)(
                shop: shop.world.shop.id,
                OrderEvent(
                    source: "shopify", eventID: "o1", externalOrderID: "shopify:1", number: "#1001", stage: .accepted,
                    occurredAt: shop.world.clock.now(), customer: OrderCustomer(email: "zofia@example.pl"), currency: "PLN",
                    totalMinor: 9_800, items: [OrderItem(sku: "KUB-01", name: "Kubek zielony", quantity: 2, unitPriceMinor: 4_900)],
                    shipment: nil))
            shop.world.clock.advance(by: 3600)
            try await shop.runDue()
            #expect(try await MessageRepository.all(shop.world, topic: "marketing.abandoned_cart").isEmpty, "nothing built")
            #expect(try await shop.runs() == ["ordered": 1, "no_consent": 1])
        }
    }

    @Test("with the recipe off, a checkout starts nothing", arguments: TestDatabase.available)
    func off(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await Shop(database)
            _ = try await ManageFlows(database: database, clock: shop.world.clock).update(
                shop: shop.world.shop.id, recipe: "abandoned_cart", enabled: false, wait: nil, by: .system)
            try await shop.checkout(try await shop.customer("zofia@example.pl", locale: "pl", consent: true), id: "c-4")
            shop.world.clock.advance(by: 2 * 3600)
            try await shop.runDue()
            #expect(try await shop.runs().isEmpty)
        }
    }
}

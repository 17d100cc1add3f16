import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// A flow tried on one customer: what it would do from their latest trigger, with the email they
/// would get, and nothing stored or sent.
@Suite("Flow test runs")
struct FlowTestRunTests {
    @Test(
        "a checkout gives the reminder they would get and when; an order, no consent or no checkout says why not",
        arguments: TestDatabase.available)
    func cart(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let shop = try await AbandonedCartFlowTests.Shop(database)
            let tests = FlowTestRuns(
                database: database, clock: shop.world.clock, catalogs: try MessageCatalogs(), preferences: shop.base.preferences)
            let zofia = try await shop.customer("zofia@example.pl", locale: "pl-PL")
            try await shop.checkout(zofia, id: "c-1", quantity: 3)
            let checkedOut = shop.world.clock.now()
            shop.world.clock.advance(by: 10 * 60)

            let result = try await tests.run(shop: shop.world.shop.id, recipe: "abandoned_cart", customer: "Zofia@Example.pl")
            #expect(result.outcome == .send && result.trigger == "c-1")
            #expect(result.due == checkedOut + 3600, "an hour after the checkout last changed")
            #expect(result.subject == "Acme: Twój koszyk czeka")
            #expect(result.text?.contains("- 3 × Kubek zielony (49.00 PLN)") == true)
            #expect(result.html?.contains("https://kubki.example/checkouts/c-1") == true && result.html?.contains("/e/o/") == false)
            let runs = try await shop.runs()
            let sent = try await shop.base.sent()
            #expect(runs == ["waiting": 1] && sent.isEmpty, "the checkout's own run only: a test run stores and sends nothing")
            let byID = try await tests.run(shop: shop.world.shop.id, recipe: "abandoned_cart", customer: zofia.publicID)
            #expect(byID == result)

            _ = try await IngestOrderEvent(database: database, clock: shop.world.clock)(
                shop: shop.world.shop.id,
                OrderEvent(
                    source: "api", eventID: "o1", externalOrderID: "o1", number: "#1", stage: .accepted, occurredAt: shop.world.clock.now(),
                    customer: OrderCustomer(email: "zofia@example.pl"), currency: "PLN", totalMinor: 9800, items: [], shipment: nil))
            let ordered = try await tests.run(shop: shop.world.shop.id, recipe: "abandoned_cart", customer: "zofia@example.pl")
            #expect(ordered.outcome == .stop && ordered.reason == "ordered" && ordered.subject == nil)

            let jan = try await shop.customer("jan@example.pl", locale: "pl", consent: false)
            try await shop.checkout(jan, id: "c-2")
            let refused = try await tests.run(shop: shop.world.shop.id, recipe: "abandoned_cart", customer: "jan@example.pl")
            #expect(refused.outcome == .stop && refused.reason == "no_consent")
            _ = try await shop.customer("eleni@example.gr", locale: "el")
            let none = try await tests.run(shop: shop.world.shop.id, recipe: "abandoned_cart", customer: "eleni@example.gr")
            #expect(none.outcome == .noTrigger)
            await #expect(throws: InvalidInput.self) {
                _ = try await tests.run(shop: shop.world.shop.id, recipe: "abandoned_cart", customer: "nobody@example.com")
            }
            await #expect(throws: FlowError.self) {
                _ = try await tests.run(shop: shop.world.shop.id, recipe: "birthday", customer: "zofia@example.pl")
            }
        }
    }

    @Test("a delivered order gives the replenishment due the product's days after delivery", arguments: TestDatabase.available)
    func replenishment(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let base = try await MarketingShop(database)
            let world = base.world
            _ = try await ManageFlows(database: database, clock: world.clock).update(
                shop: world.shop.id, recipe: "replenishment", enabled: false, wait: nil, intervals: ["KAWA-1KG": 30], by: .system)
            _ = try await base.customer("eleni@example.gr", locale: "el")
            let delivered = world.clock.now()
            _ = try await IngestOrderEvent(database: database, clock: world.clock)(
                shop: world.shop.id,
                OrderEvent(
                    source: "api", eventID: "o7", externalOrderID: "o7", number: "#7", stage: .delivered, occurredAt: delivered,
                    customer: OrderCustomer(email: "eleni@example.gr"), currency: "EUR", totalMinor: 2400,
                    items: [OrderItem(sku: "KAWA-1KG", name: "Καφές 1 kg", quantity: 1, unitPriceMinor: 2400)], shipment: nil))
            world.clock.advance(by: 3 * 86400)
            let tests = FlowTestRuns(database: database, clock: world.clock, catalogs: try MessageCatalogs(), preferences: base.preferences)
            let result = try await tests.run(shop: world.shop.id, recipe: "replenishment", customer: "eleni@example.gr")
            #expect(result.outcome == .send, "a flow switched off can be tried before it is switched on")
            #expect(result.due == delivered + 30 * 86400)
            #expect(result.text?.contains("Καφές 1 kg") == true)
        }
    }
}

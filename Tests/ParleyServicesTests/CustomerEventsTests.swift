import Crypto
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// Browsing history as the widget sends it: only with consent, tied to the visitor's token and to
/// the customer they become, clipped and capped, gone with the customer's erasure.
@Suite("Browsing history")
struct CustomerEventsTests {
    static let product = CustomerEventInput(
        type: "product", url: "https://kubki.example/p/k350", id: "SKU-1", name: "Kubek 350 ml", price: "49.00", currency: "pln")

    static func stored(_ database: ParleyDatabase) async throws -> Int {
        try await DatabaseRows.count("customer_events", in: database)
    }

    @Test("without consent nothing is stored and no visitor is made", arguments: TestDatabase.available)
    func consentRequired(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            let record = RecordCustomerEvents(database: database, clock: world.clock)
            for consent in [nil, false] as [Bool?] {
                await #expect(throws: InvalidInput.self) {
                    _ = try await record(shop: world.shop, token: nil, consent: consent, events: [Self.product])
                }
            }
            #expect(try await Self.stored(database) == 0)
            #expect(try await DatabaseRows.count("chat_visitors", in: database) == 0)
        }
    }

    @Test(
        "a visitor's browsing before and after their first chat message shows in their customer's panel",
        arguments: TestDatabase.available)
    func tiedToCustomer(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            let record = RecordCustomerEvents(database: database, clock: world.clock)
            let first = try await record(
                shop: world.shop, token: nil, consent: true,
                events: [
                    .init(type: "page", url: "https://kubki.example/p/k350", title: "Kubek 350 ml – Kubki"), Self.product,
                    .init(type: "page", url: "https://kubki.example/", title: "Kubki"),
                ])
            let token = try #require(first.issuedToken)
            #expect(first.count == 3 && token.hasPrefix("vt_"))

            // The chat finds the same visitor by the token the events endpoint issued.
            let chat = LiveChat(database: database, clock: world.clock, bus: LocalEventBus())
            let session = try await chat.connect(shop: world.shop, token: token, identity: nil, locale: "pl")
            #expect(session.issuedToken == nil)
            let (sent, _) = try await chat.send(session, clientID: "c-1", text: "Czy kubek jest w zielonym?", pageURL: nil)
            let customerID = try #require(sent.visitor.customerID)

            world.clock.advance(by: 60)
            let later = try await record(
                shop: world.shop, token: token, consent: true,
                events: [
                    .init(
                        type: "cart", currency: "PLN", items: [.init(id: "SKU-1", name: "Kubek 350 ml", quantity: 2, price: "49.00")],
                        total: "98.00")
                ])
            #expect(later.count == 1 && later.issuedToken == nil)
            let stored = try await database.withConnection { sql in
                try await CustomerEventRepository(sql).recent(shop: world.shop.id, customerID: customerID, limit: 10)
            }
            #expect(stored.first?.kind == .cart && stored.first?.customerID == customerID, "recorded after the chat: the customer's own")
            #expect(stored.dropFirst().allSatisfy { $0.customerID == nil }, "recorded before: found through the visitor")

            let customer = try await database.withConnection { sql in
                try await CustomerRepository(sql).find(shop: world.shop.id, id: customerID)
            }
            let panel = try await ReadCustomerPanel(database: database)(shop: world.shop.id, customer: try #require(customer).publicID)
            #expect(panel.browsing.products.map(\.title) == ["Kubek 350 ml"])
            #expect(panel.browsing.products.first?.details == .init(price: "49.00", currency: "PLN"))
            #expect(panel.browsing.pages.map(\.title) == ["Kubki"], "the product's own page is not listed twice")
            #expect(panel.browsing.cart?.details.items?.first?.quantity == 2 && panel.browsing.cart?.details.total == "98.00")
        }
    }

    @Test(
        "unknown types and unusable fields are left out, long ones clipped, batches and visitors capped", arguments: TestDatabase.available)
    func cleanedAndCapped(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            let record = RecordCustomerEvents(database: database, clock: world.clock)
            let long = String(repeating: "ż", count: 300)
            let answer = try await record(
                shop: world.shop, token: nil, consent: true,
                events: [
                    .init(type: "click", url: "https://kubki.example/"),
                    .init(type: "page", url: "javascript:alert(1)"),
                    .init(type: "page", url: "https://kubki.example/" + String(repeating: "a", count: 1000)),
                    .init(type: "product", url: "https://kubki.example/p/1"),
                    .init(
                        type: "product", at: "2001-01-01T00:00:00Z", url: "data:text/html,x", id: "SKU-2", name: long, price: "4 9",
                        currency: "złoty", image: "javascript:x"),
                ])
            #expect(answer.count == 1)
            let token = try #require(answer.issuedToken)
            let kept = try await DatabaseRows.text(["url", "title"], of: "customer_events", in: database)
            #expect(kept == ["nil " + String(repeating: "ż", count: 199) + "…"])

            let many = Array(repeating: CustomerEventInput(type: "page", url: "https://kubki.example/"), count: 21)
            await #expect(throws: InvalidInput.self) { _ = try await record(shop: world.shop, token: token, consent: true, events: many) }
            for _ in 0..<26 {
                _ = try await record(shop: world.shop, token: token, consent: true, events: Array(many.prefix(20)))
            }
            #expect(try await Self.stored(database) == RecordCustomerEvents.keptPerVisitor)
            let titles = try await DatabaseRows.text(["title"], of: "customer_events", in: database)
            #expect(titles.allSatisfy { $0 == "nil" }, "the oldest event, the product, went first")
        }
    }

    @Test("another shop's token records nothing for that shop's visitor", arguments: TestDatabase.available)
    func otherShop(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            let other = try await world.otherShop("talerze")
            let record = RecordCustomerEvents(database: database, clock: world.clock)
            let mine = try await record(shop: world.shop, token: nil, consent: true, events: [Self.product])
            let token = try #require(mine.issuedToken)
            let there = try await record(shop: other, token: token, consent: true, events: [Self.product, Self.product])
            #expect(there.issuedToken != nil && there.issuedToken != token, "a token of another shop does not work here")
            let visitor = try await database.withConnection { sql in
                try await ChatRepository(sql).visitor(
                    shop: world.shop.id, tokenHash: SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined())
            }
            let events = try await database.withConnection { sql in
                try await CustomerEventRepository(sql).recent(shop: world.shop.id, visitorID: try #require(visitor).id, limit: 10)
            }
            #expect(events.count == 1 && events.allSatisfy { $0.shopID == world.shop.id })
        }
    }

    @Test(
        "erasure deletes the customer's browsing, cuts their browser off, and the export lists it before", arguments: TestDatabase.available
    )
    func erasure(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            let record = RecordCustomerEvents(database: database, clock: world.clock)
            let token = try #require(try await record(shop: world.shop, token: nil, consent: true, events: [Self.product]).issuedToken)
            let chat = LiveChat(database: database, clock: world.clock, bus: LocalEventBus())
            let session = try await chat.connect(shop: world.shop, token: token, identity: nil, locale: nil)
            let (sent, _) = try await chat.send(session, clientID: "c-1", text: "Dzień dobry", pageURL: nil)
            let customerID = try #require(sent.visitor.customerID)
            let found = try await database.withConnection { sql in
                try await CustomerRepository(sql).find(shop: world.shop.id, id: customerID)
            }
            let customer = try #require(found)

            let archive = try await ExportCustomer(database: database, clock: world.clock)(
                shop: world.shop.id, customer: customer.publicID, by: .cli)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: file) }
            try archive.write(to: file)
            let json = try await ChildProcess.output(URL(fileURLWithPath: "/usr/bin/unzip"), ["-p", file.path, "customer.json"]).output
            let document = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
            let browsing = try #require(document["browsing"] as? [[String: Any]])
            #expect(
                browsing.count == 1 && browsing[0]["title"] as? String == "Kubek 350 ml" && browsing[0]["product_id"] as? String == "SKU-1")

            try await EraseCustomer(database: database, clock: world.clock).erase(shop: world.shop.id, customer: customer.publicID)
            #expect(try await Self.stored(database) == 0)
            let again = try await record(shop: world.shop, token: token, consent: true, events: [Self.product])
            #expect(again.issuedToken != nil, "the erased customer's browser starts afresh")
            let panel = try await ReadCustomerPanel(database: database)(shop: world.shop.id, customer: customer.publicID)
            #expect(panel.browsing.isEmpty)
        }
    }

    @Test(
        "activity older than the shop keeps it is deleted, by each shop's own setting; a setting under 30 days keeps 30",
        arguments: TestDatabase.available)
    func retention(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            let record = RecordCustomerEvents(database: database, clock: world.clock)
            let token = try #require(try await record(shop: world.shop, token: nil, consent: true, events: [Self.product]).issuedToken)
            world.clock.advance(by: 50 * 86400)
            _ = try await record(shop: world.shop, token: token, consent: true, events: [Self.product])
            world.clock.advance(by: 20 * 86400)
            _ = try await record(shop: world.shop, token: token, consent: true, events: [Self.product])
            let retention = CustomerEventRetention(database: database)
            #expect(try await retention.prune(now: world.clock.now()) == 0, "a year unless set")
            #expect(try await Self.stored(database) == 3)

            _ = try await ShopSettings(database: database, clock: world.clock).update(shop: world.shop.id, ["events.retention": "60d"])
            #expect(try await retention.prune(now: world.clock.now()) == 1, "the one from 70 days ago")
            _ = try await ShopSettings(database: database, clock: world.clock).update(shop: world.shop.id, ["events.retention": "1d"])
            #expect(try await retention.prune(now: world.clock.now()) == 0, "the one from 20 days ago stays: 30 days at least")
            #expect(try await Self.stored(database) == 2)
            #expect(CustomerEventRetention.retention("400d") == 400 * 86400 && CustomerEventRetention.retention("soon") == 365 * 86400)
        }
    }
}

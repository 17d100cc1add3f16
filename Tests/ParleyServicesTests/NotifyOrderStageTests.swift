import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Order stage notifications")
struct NotifyOrderStageTests {
    static func event(_ stage: OrderStage, id: String, customer: OrderCustomer) -> OrderEvent {
        OrderEvent(
            source: "shopify", eventID: id, externalOrderID: "shopify:1", number: "#1001", stage: stage,
            occurredAt: Date(timeIntervalSince1970: 1_795_000_000), customer: customer, currency: "PLN", totalMinor: 24_999,
            items: [OrderItem(sku: "KUB-01", name: "Kubek", quantity: 2, unitPriceMinor: 12_499)], shipment: nil)
    }

    static let zofia = OrderCustomer(
        email: "zofia@example.pl", phone: nil, externalID: nil, name: "Zofia Nowak", locale: "pl-PL", acceptsEmailMarketing: false)

    /// Runs every due job of `kind` once, as a worker would.
    static func runJobs(_ kind: String, world: World, handler: any JobHandler) async throws -> Int {
        let queue = JobQueue(database: world.database)
        var count = 0
        while let job = try await queue.claim(workerID: "test", kinds: [kind], now: world.clock.now(), lease: .seconds(60)) {
            try await handler.perform(job)
            // At least once: a handler run twice for the same job must not repeat its effects.
            try await handler.perform(job)
            _ = try await queue.complete(job, now: world.clock.now())
            count += 1
        }
        return count
    }

    static func notifier(_ world: World) async throws -> NotifyOrderStage {
        NotifyOrderStage(
            database: world.database, clock: world.clock, templates: try await OrderMessageTemplates(),
            links: TrackingLinks(database: world.database, clock: world.clock, publicURL: "https://help.acme.example"))
    }

    @Test(
        "each new stage queues one message per channel in the customer's language; replays, reruns and overtaken stages queue none",
        arguments: TestDatabase.available)
    func queuesOnce(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let ingest = IngestOrderEvent(database: database, clock: world.clock)
            let notifier = try await Self.notifier(world)
            _ = try await ingest(shop: world.shop.id, Self.event(.accepted, id: "w1", customer: Self.zofia))
            _ = try await ingest(shop: world.shop.id, Self.event(.accepted, id: "w1", customer: Self.zofia))
            #expect(try await Self.runJobs(NotifyOrderStage.kind, world: world, handler: notifier) == 1)
            _ = try await ingest(shop: world.shop.id, Self.event(.paid, id: "w2", customer: Self.zofia))
            _ = try await ingest(shop: world.shop.id, Self.event(.paid, id: "w2b", customer: Self.zofia))
            #expect(try await Self.runJobs(NotifyOrderStage.kind, world: world, handler: notifier) == 1)
            // Shipped and delivered within moments: by the time the worker looks, "shipped" is old news.
            _ = try await ingest(shop: world.shop.id, Self.event(.shipped, id: "w3", customer: Self.zofia))
            _ = try await ingest(shop: world.shop.id, Self.event(.delivered, id: "w4", customer: Self.zofia))
            #expect(try await Self.runJobs(NotifyOrderStage.kind, world: world, handler: notifier) == 2)

            let order = try await ReadOrders(database: database).details(
                shop: world.shop.id,
                publicID: try #require(
                    try await database.withConnection { try await OrderRepository($0).find(shop: world.shop.id, externalID: "shopify:1") }?
                        .publicID))
            #expect(order.messages.map(\.topic) == ["order.accepted", "order.paid", "order.delivered"])
            #expect(order.messages.allSatisfy { $0.channel == .email && $0.recipient == "zofia@example.pl" && $0.status == .queued })
            #expect(order.messages.allSatisfy { $0.locale == "pl" })
            #expect(order.messages.first?.subject?.contains("#1001") == true)
            #expect(order.messages.first?.text.contains("https://help.acme.example/t/acme/\(order.order.publicID)/") == true)
            let sends = try await JobQueue(database: database).list(shop: world.shop.id, status: .queued)
            #expect(sends.filter { $0.kind == SendMessage.kind }.count == 3)
        }
    }

    @Test(
        "a buyer with no address is reported as unreachable; a stage the shop does not announce is silent",
        arguments: TestDatabase.available)
    func unreachable(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            _ = try await ShopSettings(database: database, clock: world.clock).update(
                shop: world.shop.id, ["notify.email_stages": "shipped", "notify.sms_stages": "Shipped, delivered"])
            await #expect(throws: InvalidInput.self) {
                try await ShopSettings(database: database, clock: world.clock).update(shop: world.shop.id, ["notify.sms_stages": "sent"])
            }
            let guest = OrderCustomer(email: nil, phone: nil, externalID: nil, name: "Gość", locale: nil, acceptsEmailMarketing: nil)
            let ingest = IngestOrderEvent(database: database, clock: world.clock)
            _ = try await ingest(shop: world.shop.id, Self.event(.accepted, id: "w1", customer: guest))
            _ = try await ingest(shop: world.shop.id, Self.event(.shipped, id: "w2", customer: guest))
            #expect(try await Self.runJobs(NotifyOrderStage.kind, world: world, handler: try await Self.notifier(world)) == 2)

            let publicID = try #require(
                try await database.withConnection { try await OrderRepository($0).find(shop: world.shop.id, externalID: "shopify:1") }?
                    .publicID)
            let order = try await ReadOrders(database: database).details(shop: world.shop.id, publicID: publicID)
            #expect(order.messages.count == 1)
            #expect(order.messages.first?.status == .unreachable && order.messages.first?.topic == "order.shipped")
            #expect(order.messages.first?.lastError == "the customer has no email address or phone number")
        }
    }
}

import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Ingest order events")
struct IngestOrderEventTests {
    static func event(_ stage: OrderStage, id: String? = nil, at minutes: Double, shipment: Shipment? = nil) -> OrderEvent {
        OrderEvent(
            source: "shopify", eventID: id, externalOrderID: "shopify:450789469", number: "#1001", stage: stage,
            occurredAt: Date(timeIntervalSince1970: 1_795_000_000 + minutes * 60),
            customer: OrderCustomer(
                email: "Zofia.Nowak@Example.PL", phone: "not a phone", externalID: "shopify:115310627314723954", name: "Zofia Nowak",
                locale: "pl-PL", acceptsEmailMarketing: true),
            currency: "PLN", totalMinor: 24_999, items: [OrderItem(sku: "KUB-01", name: "Kubek", quantity: 2, unitPriceMinor: 12_499)],
            shipment: shipment)
    }

    @Test("an order moves forward through its stages and never back; replays change nothing", arguments: TestDatabase.available)
    func journey(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let ingest = IngestOrderEvent(database: database, clock: world.clock)
            guard case .created(let order) = try await ingest(shop: world.shop.id, Self.event(.accepted, id: "w1", at: 0)) else {
                Issue.record("the first event did not create the order")
                return
            }
            #expect(order.stage == .accepted && order.number == "#1001")
            #expect(try await ingest(shop: world.shop.id, Self.event(.accepted, id: "w1", at: 0)) == .replayed)

            let parcel = Shipment(
                carrier: "InPost", trackingNumber: "6200000000001", trackingURL: "https://inpost.pl/sledzenie?number=6200000000001")
            let shipped = try await ingest(shop: world.shop.id, Self.event(.shipped, id: "w3", at: 90, shipment: parcel))
            guard case .advanced(let moved, from: .accepted) = shipped else {
                Issue.record("shipped did not advance the order: \(shipped)")
                return
            }
            #expect(moved.stage == .shipped && moved.shipment == parcel)
            // Paid arrives late, after shipped: history, not a step back.
            guard case .unchanged(let kept) = try await ingest(shop: world.shop.id, Self.event(.paid, id: "w2", at: 5)) else {
                Issue.record("a late paid event changed the order")
                return
            }
            #expect(kept.stage == .shipped)

            let history = try await database.withConnection { sql in
                try await OrderRepository(sql).stageHistory(shop: world.shop.id, orderID: order.id)
            }
            #expect(history.map(\.stage) == [.accepted, .paid, .shipped])
            #expect(history.map(\.applied) == [true, false, true])

            let customer = try await ReadCustomers(database: database).customer(
                shop: world.shop.id,
                publicID: try #require(
                    try await database.withConnection { sql in
                        try await CustomerRepository(sql).find(shop: world.shop.id, id: order.customerID)
                    }?.publicID))
            #expect(customer.identities.map(\.kind) == [.email, .external])
            #expect(customer.locale == "pl-PL" && customer.consents.first?.source == "shopify checkout")
            let timeline = try await ReadCustomers(database: database).timeline(
                shop: world.shop.id, publicID: customer.publicID, cursor: nil, limit: 50)
            #expect(timeline.items.map(\.kind.rawValue).prefix(2) == ["order.shipped", "order.placed"])
            #expect(timeline.items.first?.data["tracking_number"] == "6200000000001")
            #expect(timeline.items.first?.data["carrier"] == "InPost")
            let items = try await database.withConnection { sql in
                try await OrderRepository(sql).items(shop: world.shop.id, orderID: order.id)
            }
            #expect(items == [OrderItem(sku: "KUB-01", name: "Kubek", quantity: 2, unitPriceMinor: 12_499)])
        }
    }

    @Test(
        "a second order from the same buyer joins the same customer; a guest without contact still gets an order",
        arguments: TestDatabase.available)
    func customers(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let ingest = IngestOrderEvent(database: database, clock: world.clock)
            var second = Self.event(.paid, at: 0)
            second.externalOrderID = "shopify:2"
            second.customer.externalID = nil
            guard case .created(let first) = try await ingest(shop: world.shop.id, Self.event(.accepted, at: 0)),
                case .created(let other) = try await ingest(shop: world.shop.id, second)
            else {
                Issue.record("orders were not created")
                return
            }
            #expect(first.customerID == other.customerID)
            var guest = Self.event(.accepted, at: 0)
            guest.externalOrderID = "shopify:3"
            guest.customer = OrderCustomer()
            guard case .created(let guestOrder) = try await ingest(shop: world.shop.id, guest) else {
                Issue.record("a guest order was refused")
                return
            }
            #expect(guestOrder.customerID != first.customerID)
            var broken = Self.event(.accepted, at: 0)
            broken.currency = "zł"
            await #expect(throws: InvalidInput(field: "currency", reason: "use an ISO 4217 code such as PLN")) {
                try await ingest(shop: world.shop.id, broken)
            }
        }
    }
}

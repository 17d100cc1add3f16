import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// The contact-pressure budget where messages really go: `SendMessage` asks it just before sending,
/// holds a message back with the reason, and queues it again for the moment it may go.
@Suite("Contact pressure when sending")
struct ContactGateTests {
    /// 2026-11-18 23:30 in Warsaw.
    static let warsawNight = Date(timeIntervalSince1970: 1_795_041_000)

    static func sender(_ world: World) -> (SendMessage, DemoOutbox) {
        let outbox = DemoOutbox(database: world.database, clock: world.clock)
        return (
            SendMessage(
                database: world.database, clock: world.clock, transports: AgentInboxTests.OutboxTransports(outbox: outbox),
                fallbackDomain: "acme.example"),
            outbox
        )
    }

    @Test(
        "a text about an order waits out the night in the customer's zone, says why, and goes in the morning",
        arguments: TestDatabase.available)
    func orderTextAtNight(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, clock: TestClock(Self.warsawNight))
            _ = try await ShopSettings(database: database, clock: world.clock).update(
                shop: world.shop.id, ["notify.email_stages": "none", "notify.sms_stages": "shipped"])
            var buyer = NotifyOrderStageTests.zofia
            buyer.phone = "+48601234567"
            _ = try await IngestOrderEvent(database: database, clock: world.clock)(
                shop: world.shop.id, NotifyOrderStageTests.event(.shipped, id: "n1", customer: buyer))
            _ = try await NotifyOrderStageTests.runJobs(
                NotifyOrderStage.kind, world: world, handler: try await NotifyOrderStageTests.notifier(world))
            let (send, outbox) = Self.sender(world)
            #expect(try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send) == 1)
            #expect(try await outbox.list(shop: world.shop.id, cursor: nil, limit: 5).items.isEmpty, "nothing at 23:30")
            let morning = Date(timeIntervalSince1970: 1_795_071_600)  // 2026-11-19 07:00 UTC, 08:00 in Warsaw
            let held = try #require(try await MessageRepository.all(world, topic: "order.shipped").first)
            #expect(held.status == .queued && held.heldUntil == morning && held.heldBecause == [.quietHours])
            // Nothing is due before the morning; then it goes.
            world.clock.advance(by: morning.timeIntervalSince(world.clock.now()) - 60)
            #expect(try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send) == 0)
            world.clock.advance(by: 60)
            #expect(try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send) == 1)
            #expect(try await outbox.list(shop: world.shop.id, cursor: nil, limit: 5).items.map(\.recipient) == ["+48601234567"])
            #expect(try await MessageRepository.all(world, topic: "order.shipped").first?.status == .sent)
        }
    }

    @Test(
        "marketing goes only with consent; a third marketing email in one day waits for the next morning with the cap named",
        arguments: TestDatabase.available)
    func marketingCap(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            // 14:00 in Kolkata on 18 November; the customer lives there, the shop in Warsaw.
            let world = try await World.given(database, clock: TestClock(Date(timeIntervalSince1970: 1_794_990_600)))
            let (customer, _) = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .email, value: "asha@example.in")], locale: "hi", timeZone: "Asia/Kolkata",
                    consents: [.init(channel: .email, status: .granted, source: "checkout")]))
            let (refusing, _) = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id, CustomerInput(identities: [.init(kind: .email, value: "nope@example.in")]))
            let (send, outbox) = Self.sender(world)
            func newsletter(_ to: Customer, _ number: Int) async throws {
                try await database.transaction { sql in
                    let message = try #require(
                        try await MessageRepository(sql).insert(
                            shop: world.shop.id, publicID: "msg_news\(number)_\(to.id)",
                            NewMessage(
                                customerID: to.id, orderID: nil, channel: .email, topic: "marketing.newsletter", locale: "hi",
                                recipient: to.address(for: .email), subject: "नया संग्रह", text: "नमस्ते", html: nil, messageID: nil,
                                dedupeKey: nil),
                            now: world.clock.now()))
                    try await SendMessage.enqueue(message, on: sql, now: world.clock.now())
                }
                _ = try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send)
            }
            try await newsletter(refusing, 0)
            let refused = try #require(try await MessageRepository.all(world, topic: "marketing.newsletter").first)
            #expect(refused.status == .unreachable && refused.lastError == "the customer has not allowed marketing on this channel")

            try await newsletter(customer, 1)
            world.clock.advance(by: 3 * 3600)
            try await newsletter(customer, 2)
            world.clock.advance(by: 3 * 3600)  // 20:00 in Kolkata
            try await newsletter(customer, 3)
            #expect(try await outbox.list(shop: world.shop.id, cursor: nil, limit: 5).items.count == 2)
            let third = try #require(try await MessageRepository.all(world, topic: "marketing.newsletter").last)
            // Kolkata's next morning: 08:00 IST on 19 November is 02:30 UTC.
            #expect(third.heldUntil == Date(timeIntervalSince1970: 1_795_055_400))
            #expect(third.heldBecause == [.cap(.init(2, per: .day)), .quietHours])
            // The agent beside the customer's conversation sees it waiting, and why.
            let panel = try await ReadCustomerPanel(database: database)(shop: world.shop.id, customer: customer.publicID)
            #expect(panel.held.map(\.publicID) == [third.publicID])
            world.clock.advance(by: third.heldUntil!.timeIntervalSince(world.clock.now()))
            _ = try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send)
            #expect(try await outbox.list(shop: world.shop.id, cursor: nil, limit: 5).items.count == 3)
        }
    }
}

extension MessageRepository {
    /// The shop's messages of `topic`, oldest first.
    static func all(_ world: World, topic: String) async throws -> [OutboundMessage] {
        try await world.database.withConnection { sql in
            try await MessageRepository(sql).list(shop: world.shop.id, statuses: MessageStatus.allCases, limit: 100)
        }.filter { $0.topic == topic }.sorted { $0.id < $1.id }
    }
}

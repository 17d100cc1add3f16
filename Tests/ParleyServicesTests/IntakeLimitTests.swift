import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

// The limit stops a hang, not a slow start: it runs in seconds alone, but it starts among hundreds of
// tests on two cores, and twice waited its turn past two minutes in full runs.
@Suite("Intake limit per sender", .timeLimit(.minutes(5)))
struct IntakeLimitTests {
    @Test(
        "a shop's own hourly limit holds a flood after the limit and tells agents once; a person writing meanwhile is filed",
        arguments: TestDatabase.available)
    func flood(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try ConversationSLATests.Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            let settings = ShopSettings(database: database, clock: inbox.world.clock)
            await #expect(throws: InvalidInput.self) { try await settings.update(shop: shop, ["inbox.sender_hourly_limit": "0"]) }
            _ = try await settings.update(shop: shop, ["inbox.sender_hourly_limit": "3"])
            let live = inbox.bus.subscribe(topic: InboxEvents.topic(shop: shop))

            for index in 1...5 {
                try await inbox.receive("Alert \(index): disk full", from: "monitor@ops.example")
                inbox.world.clock.advance(by: 60)
            }
            try await inbox.receive("Gdzie jest paczka?")
            let held = try await ReceiveEmail(database: database, clock: inbox.world.clock).list(
                shop: shop, status: .held, cursor: nil, limit: 10
            ).items
            #expect(held.count == 2 && held.allSatisfy { $0.sender == "monitor@ops.example" })
            #expect(held.first?.detail == "monitor@ops.example sent more than 3 emails within an hour: held as a likely mail loop")

            var received: [InboxEvents.Payload] = []
            for await event in live {
                received.append(try JSONDecoder().decode(InboxEvents.Payload.self, from: Data(event.payload.utf8)))
                if received.count == 5 { break }
            }
            #expect(
                received.map(\.type) == [
                    .conversationCreated, .conversationCreated, .conversationCreated, .emailHeld, .conversationCreated,
                ])
            #expect(received[3].email == held.first?.publicID && received[3].detail == "monitor@ops.example")

            // An agent discards one (it stays stored, set aside) and cannot release it afterwards.
            let receive = ReceiveEmail(database: database, clock: inbox.world.clock)
            let discarded = try #require(held.first?.publicID)
            try await receive.discard(shop: shop, publicID: discarded)
            let status = try await receive.status(shop: shop, publicID: discarded)
            #expect(status.mail.status == .ignored && status.mail.detail == "discarded by an agent" && !status.mail.raw.isEmpty)
            await #expect(throws: HeldEmailError.self) { _ = try await receive.release(shop: shop, publicID: discarded) }
            #expect(try await receive.list(shop: shop, status: .held, cursor: nil, limit: 10).items.count == 1)
        }
    }
}

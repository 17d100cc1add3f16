import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// Callback requests as a customer asks and an agent works through them: windows only inside
/// business hours, the queue by window, a reminder as a window opens, and the call's outcome.
@Suite("Callback requests")
struct CallbackRequestsTests {
    /// Friday 2026-11-20 18:30 in Warsaw: after hours.
    static let fridayEvening = Date(timeIntervalSince1970: 1_795_195_800)

    static func world(_ database: ParleyDatabase) async throws -> (World, CallbackRequests, LocalEventBus) {
        let world = try await World.given(database, shop: "kubki", clock: TestClock(fridayEvening))
        _ = try await ShopSettings(database: database, clock: world.clock).update(
            shop: world.shop.id, ["inbox.business_hours": "mon-fri 09:00-17:00", "inbox.holidays": "2026-11-23"])
        let bus = LocalEventBus()
        return (world, CallbackRequests(database: database, clock: world.clock, bus: bus), bus)
    }

    @Test(
        "only whole half-hours inside business hours are offered, the first on the next open day; others are refused",
        arguments: TestDatabase.available)
    func windows(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, callbacks, _) = try await Self.world(database)
            let offered = try await callbacks.offered(shop: world.shop)
            var warsaw = Calendar(identifier: .gregorian)
            warsaw.timeZone = TimeZone(identifier: "Europe/Warsaw")!
            let first = try #require(offered.first)
            let parts = warsaw.dateComponents([.weekday, .day, .hour, .minute], from: first.start)
            // Monday the 23rd is a holiday: Tuesday 09:00 is the first window.
            #expect(parts.day == 24 && parts.hour == 9 && parts.minute == 0)
            #expect(
                offered.allSatisfy {
                    warsaw.component(.hour, from: $0.start) >= 9 && warsaw.component(.hour, from: $0.end.addingTimeInterval(-1)) < 17
                })
            #expect(offered.count == 48)
            await #expect(throws: CallbackError.timeNotOffered) {
                _ = try await callbacks.request(
                    shop: world.shop,
                    CallbackInput(phone: "+48 601 234 567", start: first.start.addingTimeInterval(900), timeZone: "Europe/London"))
            }
            await #expect(throws: InvalidInput.self) {
                _ = try await callbacks.request(
                    shop: world.shop, CallbackInput(phone: "call me", start: first.start, timeZone: "Europe/London"))
            }
        }
    }

    @Test(
        "a request opens a phone conversation with the window in the customer's time, waits in the queue by window, reminds as it opens, and is settled by a call",
        arguments: TestDatabase.available)
    func queue(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, callbacks, bus) = try await Self.world(database)
            let offered = try await callbacks.offered(shop: world.shop)
            let later = try await callbacks.request(
                shop: world.shop,
                CallbackInput(
                    phone: "+44 7700 900123", name: "Emily Carter", start: offered[3].start, timeZone: "Europe/London", locale: "en-GB"))
            let sooner = try await callbacks.request(
                shop: world.shop,
                CallbackInput(
                    phone: "601 234 567", name: "Zofia", start: offered[0].start, timeZone: "Europe/Warsaw", note: "W sprawie zwrotu",
                    locale: "pl"))
            #expect(sooner.phone == "+48601234567" || sooner.phone.hasSuffix("601234567"))
            let queue = try await callbacks.queue(shop: world.shop.id)
            #expect(queue.map(\.request.publicID) == [sooner.publicID, later.publicID])
            #expect(queue[0].customerName == "Zofia")

            let conversation = try await ReadConversations(database: database).conversation(
                shop: world.shop.id, publicID: queue[1].conversationPublicID)
            #expect(conversation.conversation.channel == .phone && conversation.conversation.status == .open)
            let text =
                try await ReadConversations(database: database).messages(shop: world.shop.id, conversation: queue[1].conversationPublicID)
                .first?.message.text ?? ""
            // Tuesday 10:30–11:00 in Warsaw is 09:30–10:00 in London.
            #expect(text.contains("+447700900123") && text.contains("9:30") && text.contains("10:00"), "\(text)")

            let events = bus.subscribe(topic: InboxEvents.topic(shop: world.shop.id))
            let reminder = CallbackReminder(database: database, events: InboxEvents(bus: bus))
            #expect(try await NotifyOrderStageTests.runJobs("callback.remind", world: world, handler: reminder) == 0, "not yet")
            world.clock.advance(by: offered[0].start.timeIntervalSince(world.clock.now()) - 300)
            #expect(try await NotifyOrderStageTests.runJobs("callback.remind", world: world, handler: reminder) == 1)
            var heard = events.makeAsyncIterator()
            let due = try #require(await heard.next())
            #expect(due.payload.contains(#""type":"callback.due""#) && due.payload.contains(sooner.publicID))

            let log = LogPhoneCall(database: database, clock: world.clock)
            let tried = try await callbacks.logCall(
                shop: world.shop.id, request: sooner.publicID, outcome: .noAnswer, durationSeconds: 0, note: "Nie odbiera", agentID: nil,
                log: log)
            #expect(tried.status == .waiting && tried.attempts == 1)
            let done = try await callbacks.logCall(
                shop: world.shop.id, request: sooner.publicID, outcome: .answered, durationSeconds: 240, note: "Zwrot przyjęty",
                agentID: nil,
                log: log)
            #expect(done.status == .done)
            #expect(try await callbacks.queue(shop: world.shop.id).map(\.request.publicID) == [later.publicID])
            await #expect(throws: CallbackError.self) {
                _ = try await callbacks.logCall(
                    shop: world.shop.id, request: sooner.publicID, outcome: .answered, durationSeconds: 1, note: "", agentID: nil, log: log)
            }
            try await callbacks.cancel(shop: world.shop.id, request: later.publicID, agentID: nil)
            #expect(try await callbacks.waitingCount(shop: world.shop.id) == 0)
            let other = try await world.otherShop()
            await #expect(throws: CallbackError.requestNotFound(later.publicID)) {
                try await callbacks.cancel(shop: other.id, request: later.publicID, agentID: nil)
            }
        }
    }
}

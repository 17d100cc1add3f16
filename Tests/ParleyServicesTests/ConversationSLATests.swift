import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Conversation SLA clocks and timers", .timeLimit(.minutes(3)))
struct ConversationSLATests {
    /// Friday 20 November 2026, 16:30 in Warsaw: half an hour before the weekend.
    static let fridayAfternoon = Date(timeIntervalSince1970: 1_795_188_600)
    /// Monday 23 November 2026, 10:30 in Warsaw.
    static let mondayMorning = Date(timeIntervalSince1970: 1_795_426_200)

    struct Inbox {
        let world: World
        let bus = LocalEventBus()
        var filer: FileIncomingEmail
        var timers: ConversationTimers

        init(_ world: World) throws {
            self.world = world
            let events = InboxEvents(bus: bus)
            filer = FileIncomingEmail(
                database: world.database, clock: world.clock, catalogs: try MessageCatalogs(), fallbackDomain: "help.acme.example",
                events: events)
            timers = ConversationTimers(database: world.database, clock: world.clock, events: events)
        }

        func receive(_ subject: String, from sender: String = "zofia@example.pl", inReplyTo: String? = nil) async throws {
            let raw = """
                From: Zofia <\(sender)>\r
                To: sklep@acme.example\r
                Subject: \(subject)\r
                Message-ID: <\(UUID().uuidString)@example.pl>\r
                \(inReplyTo.map { "In-Reply-To: <\($0)>\r\n" } ?? "")\
                Content-Type: text/plain; charset=utf-8\r
                \r
                Gdzie jest moja paczka?\r

                """
            _ = try await ReceiveEmail(database: world.database, clock: world.clock)(
                shop: world.shop.id,
                NewInboundMail(source: "api", envelopeFrom: sender, envelopeTo: [], remoteAddress: nil, raw: Array(raw.utf8)))
            #expect(try await NotifyOrderStageTests.runJobs(FileIncomingEmail.kind, world: world, handler: filer) == 1)
        }

        func runTimers() async throws -> Int {
            try await NotifyOrderStageTests.runJobs(ConversationTimers.kind, world: world, handler: timers)
        }

        func only() async throws -> Conversation {
            try #require(
                try await ReadConversations(database: world.database).list(
                    shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 10
                ).items.first
            ).conversation
        }

        func events(_ conversation: Conversation) async throws -> [String] {
            try await ReadConversations(database: world.database).events(shop: world.shop.id, conversation: conversation.publicID)
                .map { "\($0.kind) \($0.detail ?? "")" }
        }
    }

    static func shop(_ database: ParleyDatabase) async throws -> World {
        let world = try await World.given(database, clock: TestClock(fridayAfternoon))
        _ = try await ShopSettings(database: database, clock: world.clock).update(
            shop: world.shop.id,
            [
                "support.email": "sklep@acme.example", "sla.first_response": "2h", "sla.next_response": "1h", "sla.resolution": "2d",
                "inbox.business_hours": "mon-fri 09:00-17:00",
            ])
        return world
    }

    @Test(
        "a Friday-afternoon email is due on Monday in business hours; the sweep at the due time records the breach once and tells agents",
        arguments: TestDatabase.available)
    func breach(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await Self.shop(database))
            let live = inbox.bus.subscribe(topic: InboxEvents.topic(shop: inbox.world.shop.id))
            try await inbox.receive("Gdzie jest paczka?")
            let opened = try await inbox.only()
            let due = try #require(opened.sla?.due.first { $0.target == .firstResponse })
            // 30 minutes on Friday, 90 on Monday from 09:00.
            #expect(due.dueAt == Self.mondayMorning)
            #expect(opened.sla?.nextDeadline == Self.mondayMorning)

            inbox.world.clock.advance(by: 3600)
            #expect(try await inbox.runTimers() == 0)
            inbox.world.clock.advance(by: Self.mondayMorning.timeIntervalSince(inbox.world.clock.now()) + 60)
            #expect(try await inbox.runTimers() == 1)
            let late = try await inbox.only()
            #expect(late.sla?.due.first { $0.target == .firstResponse }?.breachedAt == Self.mondayMorning)
            #expect(try await inbox.events(late).filter { $0.hasPrefix("sla.breached") } == ["sla.breached first_response"])

            var received: [InboxEvents.Payload] = []
            for await event in live {
                received.append(try JSONDecoder().decode(InboxEvents.Payload.self, from: Data(event.payload.utf8)))
                if received.count == 2 { break }
            }
            #expect(received.map(\.type) == [.conversationCreated, .slaBreached])
            #expect(received.allSatisfy { $0.conversation == opened.publicID })
            #expect(received.last?.detail == "first_response")
        }
    }

    @Test(
        "a reply stops the response clock and waiting for the customer pauses resolution; the customer's answer starts next response",
        arguments: TestDatabase.available)
    func replyAndAnswer(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await Self.shop(database))
            try await inbox.receive("Zwrot")
            let opened = try await inbox.only()
            inbox.world.clock.advance(by: 10 * 60)
            _ = try await ReplyToConversation(database: database, clock: inbox.world.clock, fallbackDomain: "help.acme.example")(
                shop: inbox.world.shop.id, conversation: opened.publicID, agentID: nil, text: "Już sprawdzamy.")
            let waiting = try await inbox.only()
            #expect(waiting.status == .pending)
            let first = try #require(waiting.sla?.achieved.first)
            #expect(first.target == .firstResponse && !first.breached && first.businessTime == 600)
            #expect(waiting.sla?.due.isEmpty == true)
            // Two days of business time less the ten minutes counted before the reply.
            #expect(abs((waiting.sla?.pausedResolution ?? 0) - (2 * 86400 - 600)) < 0.001)

            // Monday 16:40: twenty minutes before closing, forty more from Tuesday 09:00.
            inbox.world.clock.advance(by: 3 * 86400)
            try await inbox.receive("Re: [#\(opened.number)] Zwrot")
            let answered = try await inbox.only()
            #expect(answered.status == .open)
            #expect(answered.sla?.due.map(\.target) == [.nextResponse, .resolution])
            #expect(answered.sla?.due.first?.dueAt == Self.mondayMorning.addingTimeInterval(86400 - 50 * 60))
        }
    }

    @Test("raising a conversation to urgent times its targets by the urgent ones", arguments: TestDatabase.available)
    func urgent(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await Self.shop(database)
            _ = try await ShopSettings(database: database, clock: world.clock).update(
                shop: world.shop.id, ["sla.first_response": "2h; urgent 15m"])
            let inbox = try Inbox(world)
            try await inbox.receive("Pilne!")
            let opened = try await inbox.only()
            #expect(opened.sla?.nextDeadline == Self.mondayMorning)
            let raised = try await UpdateConversation(database: database, clock: world.clock)(
                shop: world.shop.id, conversation: opened.publicID, ConversationChanges(priority: .urgent), agentID: nil
            ).conversation
            // Friday 16:30 plus 15 business minutes.
            #expect(raised.sla?.nextDeadline == Self.fridayAfternoon.addingTimeInterval(15 * 60))
            world.clock.advance(by: 20 * 60)
            #expect(try await inbox.runTimers() == 1)
            #expect(try await inbox.events(try await inbox.only()).contains("sla.breached first_response"))
        }
    }

    @Test("a snoozed conversation comes back open at its time, by a job that survives a restart", arguments: TestDatabase.available)
    func snooze(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await Self.shop(database))
            try await inbox.receive("Faktura")
            let opened = try await inbox.only()
            let until = inbox.world.clock.now().addingTimeInterval(2 * 86400)
            let snoozed = try await UpdateConversation(database: database, clock: inbox.world.clock)(
                shop: inbox.world.shop.id, conversation: opened.publicID, ConversationChanges(status: .snoozed, snoozedUntil: until),
                agentID: nil
            ).conversation
            #expect(snoozed.status == .snoozed && snoozed.snoozedUntil == until)
            inbox.world.clock.advance(by: 86400)
            _ = try await inbox.runTimers()
            #expect(try await inbox.only().status == .snoozed)
            inbox.world.clock.advance(by: 86400)
            _ = try await inbox.runTimers()
            let woken = try await inbox.only()
            #expect(woken.status == .open && woken.snoozedUntil == nil)
            #expect(try await inbox.events(woken).contains("status.changed open"))
        }
    }

    @Test("without SLA targets a conversation has no clocks and no timers", arguments: TestDatabase.available)
    func noPolicy(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await World.given(database, clock: TestClock(Self.fridayAfternoon)))
            try await inbox.receive("Pytanie")
            #expect(try await inbox.only().sla == nil)
            inbox.world.clock.advance(by: 30 * 86400)
            #expect(try await inbox.runTimers() == 0)
        }
    }

    @Test("business hours and holidays that cannot be read are refused with the reason", arguments: TestDatabase.available)
    func settingsValidation(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let settings = ShopSettings(database: database, clock: world.clock)
            await #expect(throws: InvalidInput.self) {
                _ = try await settings.update(shop: world.shop.id, ["inbox.business_hours": "weekdays 9-5"])
            }
            do {
                _ = try await settings.update(shop: world.shop.id, ["inbox.holidays": "2026-12-24, Christmas"])
                Issue.record("an unreadable holiday was accepted")
            } catch let error as InvalidInput {
                #expect(error.reason.contains("Christmas"))
            }
            _ = try await settings.update(
                shop: world.shop.id, ["inbox.business_hours": "mon-fri 08:00-16:00; sat 10:00-14:00", "inbox.holidays": "2026-12-24"])
            #expect(try await settings.value(shop: world.shop.id, key: "inbox.business_hours") == "mon-fri 08:00-16:00; sat 10:00-14:00")
        }
    }
}

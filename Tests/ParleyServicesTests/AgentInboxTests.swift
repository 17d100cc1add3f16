import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// What the agent application reads and does: views with counts and unread state per agent, texts
/// from customers filed as SMS conversations, answers by SMS, and the demo's outbox.
@Suite("The agent inbox")
struct AgentInboxTests {
    typealias Inbox = ConversationSLATests.Inbox

    @Test("views, counts and unread state belong to each agent", arguments: TestDatabase.available)
    func viewsAndUnread(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let world = inbox.world
            let add = AddAgent(database: database, clock: world.clock)
            let ala = try await add(
                shop: world.shop.id, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery"
            ).agent
            let ola = try await add(
                shop: world.shop.id, email: "ola@acme.test", name: "Ola", role: .agent, password: "correct horse battery"
            ).agent
            try await inbox.receive("Paczka")
            try await inbox.receive("Faktura", from: "jan@example.pl")
            let read = ReadInbox(database: database, clock: world.clock)
            let all = try await read.page(shop: world.shop.id, agentID: ala.id, InboxQuery(view: .all), cursor: nil, limit: 1)
            #expect(all.items.count == 1 && all.nextCursor != nil, "cursor paging")
            let rest = try await read.page(shop: world.shop.id, agentID: ala.id, InboxQuery(view: .all), cursor: all.nextCursor, limit: 1)
            #expect(rest.items.map(\.conversation.subject) == ["Paczka"] && rest.nextCursor == nil)
            let paczka = try #require(rest.items.first)
            #expect(paczka.customerName == "Zofia" && paczka.unread && paczka.preview?.isEmpty == false)

            _ = try await read.open(shop: world.shop.id, agentID: ala.id, conversation: paczka.conversation.publicID, markRead: true)
            _ = try await UpdateConversation(database: database, clock: world.clock)(
                shop: world.shop.id, conversation: paczka.conversation.publicID,
                ConversationChanges(assignee: .agent(email: "ala@acme.test")), agentID: ala.id)
            #expect(
                try await read.counts(shop: world.shop.id, agentID: ala.id)
                    == InboxCounts(mine: 1, unassigned: 1, all: 2, dueSoon: 0, breached: 0, unread: 1))
            #expect(try await read.counts(shop: world.shop.id, agentID: ola.id).unread == 2, "Ala's reading is not Ola's")
            let mine = try await read.page(shop: world.shop.id, agentID: ala.id, InboxQuery(view: .mine), cursor: nil, limit: 10)
            #expect(mine.items.map(\.conversation.subject) == ["Paczka"] && mine.items.first?.unread == false)

            // A new message makes it unread again; SLA views follow the clock.
            world.clock.advance(by: 60)
            try await inbox.receive("Re: Paczka", inReplyTo: nil)
            // Both first answers are due on Monday morning (business hours).
            world.clock.advance(by: ConversationSLATests.mondayMorning.timeIntervalSince(world.clock.now()) - 1800)
            let due = try await read.page(shop: world.shop.id, agentID: ala.id, InboxQuery(view: .dueSoon), cursor: nil, limit: 10)
            #expect(Set(due.items.map(\.conversation.subject)) == ["Paczka", "Faktura"])
            world.clock.advance(by: 3600)
            #expect(try await read.counts(shop: world.shop.id, agentID: ala.id).breached == 2)
            let other = try await world.otherShop()
            let theirs = try await read.page(shop: other.id, agentID: ala.id, InboxQuery(view: .all), cursor: nil, limit: 10)
            #expect(theirs.items.isEmpty, "nothing crosses shops")
        }
    }

    @Test("a customer's texts open and join an SMS conversation; the answer goes by SMS to the outbox", arguments: TestDatabase.available)
    func textMessages(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let bus = LocalEventBus()
            let events = bus.subscribe(topic: InboxEvents.topic(shop: world.shop.id))
            let record = RecordSMSCallback(database: database, clock: world.clock, events: InboxEvents(bus: bus))
            try await record(
                shop: world.shop.id,
                .inbound(
                    InboundSMS(from: "+30 691 234 5678", to: "+302101234567", body: "Πότε φτάνει η παραγγελία;", providerMessageID: "a1")))
            world.clock.advance(by: 120)
            try await record(
                shop: world.shop.id,
                .inbound(InboundSMS(from: "+306912345678", to: "+302101234567", body: "#1005", providerMessageID: "a2")))
            try await record(
                shop: world.shop.id, .inbound(InboundSMS(from: "+306912345678", to: "+302101234567", body: "STOP", providerMessageID: "a3"))
            )
            var heard: [InboxEvents.Kind] = []
            for await event in events {
                heard.append(try JSONDecoder().decode(InboxEvents.Payload.self, from: Data(event.payload.utf8)).type)
                if heard.count == 2 { break }
            }
            #expect(heard == [.conversationCreated, .messageCreated])

            let read = ReadConversations(database: database)
            let list = try await read.list(shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 10)
            let conversation = try #require(list.items.first)
            #expect(list.items.count == 1 && conversation.conversation.channel == .sms)
            #expect(conversation.conversation.subject == "Πότε φτάνει η παραγγελία;")
            let texts = try await read.messages(shop: world.shop.id, conversation: conversation.conversation.publicID).map(\.message.text)
            #expect(texts == ["Πότε φτάνει η παραγγελία;", "#1005"], "STOP is an opt-out, not a message")

            let reply = try await ReplyToConversation(database: database, clock: world.clock, fallbackDomain: "acme.example")(
                shop: world.shop.id, conversation: conversation.conversation.publicID, agentID: nil, text: "Αύριο το πρωί!")
            #expect(reply.channel == .sms)
            let outbox = DemoOutbox(database: database, clock: world.clock)
            let send = SendMessage(
                database: database, clock: world.clock, transports: OutboxTransports(outbox: outbox), fallbackDomain: "acme.example")
            _ = try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: send)
            let kept = try await outbox.list(shop: world.shop.id, cursor: nil, limit: 10).items
            #expect(kept.map(\.recipient) == ["+306912345678"] && kept.map(\.body) == ["Αύριο το πρωί!"] && kept.first?.channel == .sms)
            let delivered = try await read.messages(shop: world.shop.id, conversation: conversation.conversation.publicID).last
            #expect(delivered?.delivery?.status == .sent)
            let other = try await world.otherShop()
            #expect(try await outbox.list(shop: other.id, cursor: nil, limit: 10).items.isEmpty)
        }
    }

    @Test(
        "search finds words in any case and accent, in every language, by customer too, never another shop's",
        arguments: TestDatabase.available)
    func search(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let record = RecordSMSCallback(database: database, clock: world.clock)
            let texts = [
                "+48601234567": "Gdzie jest moje zamówienie? Paczka miała być wczoraj.",
                "+306912345678": "Πότε φτάνει η παραγγελία μου;",
                "+79123456789": "Кружка пришла с ТРЕЩИНОЙ, хочу возврат",
                "+919876543210": "कृपया मेरे ऑर्डर का बिल भेज दें",
            ]
            for (phone, body) in texts {
                try await record(
                    shop: world.shop.id, .inbound(InboundSMS(from: phone, to: "+48221234567", body: body, providerMessageID: nil)))
            }
            _ = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id, CustomerInput(identities: [.init(kind: .phone, value: "+48601234567")], name: "Zofia Wójcik"))
            let other = try await world.otherShop()
            try await record(
                shop: other.id, .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: "Zamówienie", providerMessageID: nil)))

            let read = ReadInbox(database: database, clock: world.clock)
            func found(_ words: String) async throws -> [String] {
                try await read.page(shop: world.shop.id, agentID: 0, InboxQuery(status: nil, search: words), cursor: nil, limit: 20).items
                    .map { $0.conversation.subject }
            }
            let polish = "Gdzie jest moje zamówienie? Paczka miała być wczoraj."
            #expect(try await found("ZAMOWIENIE") == [polish], "no case, no accents")
            #expect(try await found("zamów wczoraj") == [polish], "every word, each by its start")
            #expect(try await found("miala") == [polish], "ł is l")
            #expect(try await found("παραγγελια") == ["Πότε φτάνει η παραγγελία μου;"], "Greek without its tonos")
            #expect(try await found("трещиной") == ["Кружка пришла с ТРЕЩИНОЙ, хочу возврат"])
            #expect(try await found("ऑर्डर") == ["कृपया मेरे ऑर्डर का बिल भेज दें"])
            #expect(try await found("wojcik") == [polish], "by the customer's name")
            #expect(try await found("601234567") == [polish], "by the customer's number")
            #expect(try await found("+48 601-234-567") == [polish], "however it is written")
            #expect(try await found("zamówienie nothing").isEmpty)
            #expect(try await found("\"*) OR (:*") == [], "operators are words, not syntax")
        }
    }

    @Test(
        "the counts beside each page are kept until the shop's inbox changes, announced here or by another node",
        arguments: TestDatabase.available)
    func countsKeptUntilChange(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let world = inbox.world
            let shop = world.shop.id
            try await inbox.receive("Paczka")
            let ala = try await AddAgent(database: database, clock: world.clock)(
                shop: shop, email: "ala@acme.test", name: "Ala", role: .agent, password: "correct horse battery"
            ).agent.id
            let cache = InboxCountsCache(read: ReadInbox(database: database, clock: world.clock), bus: inbox.bus, clock: world.clock)
            let update = UpdateConversation(database: database, clock: world.clock)
            let paczka = try await inbox.only().publicID
            #expect(try await cache.counts(shop: shop, agentID: ala).all == 1)

            // Changed without an announcement (as the API does): shown once the counts' lifetime is over.
            _ = try await update(shop: shop, conversation: paczka, ConversationChanges(status: .resolved), agentID: nil)
            #expect(try await cache.counts(shop: shop, agentID: ala).all == 1)
            world.clock.advance(by: InboxCountsCache.lifetime)
            #expect(try await cache.counts(shop: shop, agentID: ala).all == 0)

            // Announced by this node's routes: at once.
            let announcing = InboxEvents(bus: cache.announcing(on: inbox.bus))
            _ = try await update(shop: shop, conversation: paczka, ConversationChanges(status: .open), agentID: nil)
            await announcing.publish(.conversationUpdated, shop: shop, conversation: paczka)
            #expect(try await cache.counts(shop: shop, agentID: ala).all == 1)
            _ = try await update(shop: shop, conversation: paczka, ConversationChanges(status: .resolved), agentID: nil)
            await announcing.publish(.conversationUpdated, shop: shop, conversation: paczka)
            #expect(try await cache.counts(shop: shop, agentID: ala).all == 0)

            // Announced elsewhere (a worker, another node): as soon as the bus brings it.
            try await inbox.receive("Faktura", from: "jan@example.pl")
            var all = -1
            for _ in 0..<100 {
                all = try await cache.counts(shop: shop, agentID: ala).all
                if all == 1 { break }
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(all == 1, "Paczka resolved, Faktura new")
            let read = ReadInbox(database: database, clock: world.clock)
            #expect(try await read.counts(shop: shop, agentID: ala).all == 1)

            // Reading a conversation is a change only its reader sees: one less unread, without counting again.
            let faktura = try #require(try await read.page(shop: shop, agentID: ala, InboxQuery(), cursor: nil, limit: 1).items.first)
            #expect(try await cache.counts(shop: shop, agentID: ala).unread == 1)
            let opened = try await read.open(shop: shop, agentID: ala, conversation: faktura.conversation.publicID, markRead: true)
            #expect(opened.unread)
            cache.read(shop: shop, agentID: ala, opened.conversation)
            #expect(try await cache.counts(shop: shop, agentID: ala) == (try await read.counts(shop: shop, agentID: ala)))
            #expect(try await cache.counts(shop: shop, agentID: ala).unread == 0)
        }
    }

    @Test(
        "search follows messages that move and customers renamed, and pages through matches newest first",
        arguments: TestDatabase.available)
    func searchFollowsChanges(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            try await inbox.receive("Kubek pęknięty")
            try await inbox.receive("Zamówienie 1042")
            try await inbox.receive("Faktura VAT", from: "jan@example.pl")
            let read = ReadInbox(database: database, clock: inbox.world.clock)
            func found(_ words: String) async throws -> [String] {
                try await read.page(shop: shop, agentID: 0, InboxQuery(status: nil, search: words), cursor: nil, limit: 20).items
                    .map { $0.conversation.subject }
            }
            let all = try await read.page(shop: shop, agentID: 0, InboxQuery(status: nil), cursor: nil, limit: 20).items
            func id(_ subject: String) throws -> ConversationSummary { try #require(all.first { $0.conversation.subject == subject }) }

            let merge = MergeConversations(database: database, clock: inbox.world.clock)
            _ = try await merge(
                shop: shop, merge: try id("Kubek pęknięty").conversation.publicID,
                into: try id("Zamówienie 1042").conversation.publicID, agentID: nil)
            #expect(try await found("peknięty") == ["Zamówienie 1042"], "a merged message is found where it went")
            _ = try await merge.undo(shop: shop, merged: try id("Kubek pęknięty").conversation.publicID, agentID: nil)
            #expect(try await found("kubek") == ["Kubek pęknięty"], "and back where it came from after undo")
            #expect(try await found("1042") == ["Zamówienie 1042"])

            _ = try await EditCustomer(database: database, clock: inbox.world.clock)(
                shop: shop, customer: try #require(try id("Faktura VAT").customerPublicID),
                CustomerFields(name: "Jan Kowalski", locale: "pl", timeZone: nil, preferredChannel: nil),
                by: AuditActor(.agent, name: "ala@acme.test"))
            #expect(try await found("kowalski") == ["Faktura VAT"], "a customer's new name finds their conversations")

            var pages: [[String]] = []
            var cursor: String?
            repeat {
                let page = try await read.page(shop: shop, agentID: 0, InboxQuery(status: nil, search: "gdzie"), cursor: cursor, limit: 2)
                pages.append(page.items.map(\.conversation.subject))
                cursor = page.nextCursor
            } while cursor != nil && pages.count < 5
            #expect(pages == [["Faktura VAT", "Zamówienie 1042"], ["Kubek pęknięty"]], "newest first, page after page")
        }
    }

    @Test(
        "a call logged on a conversation joins its thread; on a customer it opens a phone conversation", arguments: TestDatabase.available)
    func phoneCalls(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let world = inbox.world
            try await inbox.receive("Paczka")
            let paczka = try await inbox.only()
            let log = LogPhoneCall(database: database, clock: world.clock)
            world.clock.advance(by: 300)
            let called = try await log(
                shop: world.shop.id, .conversation(paczka.publicID),
                call: PhoneCall(direction: .outbound, durationSeconds: 240, outcome: .answered), note: "Paczka jutro u klientki.",
                agentID: nil, subject: "Telefon")
            #expect(called.conversation == paczka.publicID && called.message.kind == .call)
            let thread = try await ReadConversations(database: database).messages(shop: world.shop.id, conversation: paczka.publicID)
            #expect(thread.last?.call == PhoneCall(direction: .outbound, durationSeconds: 240, outcome: .answered))
            #expect(thread.last?.message.text == "Paczka jutro u klientki.")
            let answered = try await ReadConversations(database: database).conversation(shop: world.shop.id, publicID: paczka.publicID)
            #expect(answered.conversation.sla?.firstResponseTime == 300, "a call the customer answered is the first response")

            let customer = try #require(answered.customerPublicID)
            let edited = try await EditCustomer(database: database, clock: world.clock)(
                shop: world.shop.id, customer: customer,
                CustomerFields(name: " Zofia Nowak ", locale: "pl-PL", timeZone: "Europe/Warsaw", preferredChannel: .sms),
                by: AuditActor(.agent, name: "ala@acme.test"))
            #expect(edited.name == "Zofia Nowak" && edited.locale == "pl-PL" && edited.preferredChannel == .sms)
            await #expect(throws: InvalidInput.self) {
                _ = try await EditCustomer(database: database, clock: world.clock)(
                    shop: world.shop.id, customer: customer, CustomerFields(timeZone: "Mars/Olympus"), by: .system)
            }
            let fresh = try await log(
                shop: world.shop.id, .customer(customer), call: PhoneCall(direction: .inbound, durationSeconds: 60, outcome: .answered),
                note: "Pyta o fakturę.", agentID: nil, subject: "Telefon")
            let opened = try await ReadConversations(database: database).conversation(shop: world.shop.id, publicID: fresh.conversation)
            #expect(opened.conversation.channel == .phone && opened.conversation.status == .open && opened.customerPublicID == customer)
            let other = try await world.otherShop()
            await #expect(throws: CustomerError.customerNotFound(customer)) {
                _ = try await log(
                    shop: other.id, .customer(customer), call: PhoneCall(direction: .inbound, durationSeconds: 0, outcome: .busy), note: "",
                    agentID: nil, subject: "x")
            }
        }
    }

    @Test("a reply that could not be sent is listed with its reason and goes out when tried again", arguments: TestDatabase.available)
    func retryFailed(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let record = RecordSMSCallback(database: database, clock: world.clock)
            try await record(
                shop: world.shop.id, .inbound(InboundSMS(from: "+48601234567", to: "+48221234567", body: "Halo?", providerMessageID: nil)))
            let conversation = try #require(
                try await ReadConversations(database: database).list(
                    shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 1
                ).items.first?.conversation.publicID)
            _ = try await ReplyToConversation(database: database, clock: world.clock, fallbackDomain: "acme.example")(
                shop: world.shop.id, conversation: conversation, agentID: nil, text: "Dzień dobry!")
            let refusing = SendMessage(
                database: database, clock: world.clock, transports: RefusingTransports(), fallbackDomain: "acme.example")
            let queue = JobQueue(database: database)
            while let job = try await queue.claim(workerID: "test", kinds: [SendMessage.kind], now: world.clock.now(), lease: .seconds(60))
            {
                // The handler records the refusal, then throws so that the worker stops retrying.
                await #expect(throws: PermanentJobFailure.self) { try await refusing.perform(job) }
                _ = try await queue.complete(job, now: world.clock.now())
            }
            let undelivered = UndeliveredMail(database: database, clock: world.clock)
            let failed = try await undelivered.failed(shop: world.shop.id)
            #expect(failed.map(\.status) == [.failed] && failed.first?.lastError?.contains("number not in service") == true)

            world.clock.advance(by: 60)
            try await undelivered.retry(shop: world.shop.id, message: try #require(failed.first?.publicID))
            let outbox = DemoOutbox(database: database, clock: world.clock)
            let sending = SendMessage(
                database: database, clock: world.clock, transports: OutboxTransports(outbox: outbox), fallbackDomain: "acme.example")
            _ = try await NotifyOrderStageTests.runJobs(SendMessage.kind, world: world, handler: sending)
            #expect(try await undelivered.failed(shop: world.shop.id).isEmpty)
            #expect(try await outbox.list(shop: world.shop.id, cursor: nil, limit: 5).items.map(\.body) == ["Dzień dobry!"])
            await #expect(throws: MessageError.self) {
                try await undelivered.retry(shop: world.shop.id, message: try #require(failed.first?.publicID))
            }
        }
    }

    /// A provider that refuses every message for good.
    struct RefusingTransports: MessageTransports {
        struct Refusing: EmailTransport, SMSTransport {
            func send(_ envelope: MailEnvelope) async throws -> DeliveryReceipt { throw TransportError.permanent("550 no such user") }
            func send(_ sms: OutgoingSMS) async throws -> SMSReceipt { throw TransportError.permanent("21614 number not in service") }
        }
        func email(settings: [String: String], shop: Shop) throws -> any EmailTransport { Refusing() }
        func sms(settings: [String: String], shop: Shop) throws -> any SMSTransport { Refusing() }
    }

    /// The demo's transports: everything to the outbox.
    struct OutboxTransports: MessageTransports {
        let outbox: DemoOutbox
        func email(settings: [String: String], shop: Shop) throws -> any EmailTransport { outbox.email(shop: shop.id) }
        func sms(settings: [String: String], shop: Shop) throws -> any SMSTransport { outbox.sms(shop: shop.id) }
    }
}

import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// An email or a text asking where an order is gets the assistant's verified answer by itself, but
/// only from the order's own customer's address or phone, only once, and never to a machine.
@Suite("Order status as the automatic reply")
struct OrderAutoReplyTests {
    static func links(_ world: World) -> TrackingLinks {
        TrackingLinks(database: world.database, clock: world.clock, publicURL: "https://help.example")
    }

    /// Files an email from `sender`; the job runs twice, as a job may.
    static func email(_ world: World, from sender: String, subject: String, body: String, headers: String = "") async throws {
        let raw = """
            From: Zofia <\(sender)>\r
            To: sklep@acme.example\r
            Subject: \(subject)\r
            Message-ID: <\(UUID().uuidString)@example.pl>\r
            \(headers)Content-Type: text/plain; charset=utf-8\r
            \r
            \(body)\r

            """
        _ = try await ReceiveEmail(database: world.database, clock: world.clock)(
            shop: world.shop.id,
            NewInboundMail(source: "api", envelopeFrom: sender, envelopeTo: [], remoteAddress: nil, raw: Array(raw.utf8)))
        let filer = FileIncomingEmail(
            database: world.database, clock: world.clock, catalogs: try MessageCatalogs(), fallbackDomain: "help.acme.example",
            events: InboxEvents(bus: LocalEventBus()), links: links(world))
        #expect(try await NotifyOrderStageTests.runJobs(FileIncomingEmail.kind, world: world, handler: filer) == 1)
    }

    /// What Parley queued in conversations, by topic, oldest first.
    static func queued(_ world: World, topic: String) async throws -> [OutboundMessage] {
        try await world.database.withConnection { sql in
            try await MessageRepository(sql).list(shop: world.shop.id, statuses: MessageStatus.allCases, limit: 100)
        }.filter { $0.topic == topic }.sorted { $0.id < $1.id }
    }

    static func conversations(_ world: World) async throws -> [ConversationSummary] {
        try await ReadConversations(database: world.database).list(
            shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 10
        ).items
    }

    @Test(
        "the order's customer gets its status instead of the acknowledgement, threaded, once; a reply in the thread or a delivered order none",
        arguments: TestDatabase.available)
    func email(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let order = try await OrderAnswerTests.order(world)
            let link = try await Self.links(world).url(shop: world.shop, order: order.publicID)
            try await Self.email(
                world, from: "zofia.nowak@example.pl", subject: "Gdzie jest moje zamówienie 1043?", body: "Dzień dobry, czekam już tydzień."
            )
            let answers = try await Self.queued(world, topic: "conversation.order_answer")
            let answer = try #require(answers.first)
            #expect(answers.count == 1 && answer.channel == .email && answer.recipient == "zofia.nowak@example.pl")
            #expect(answer.text.hasPrefix("Dzień dobry Zofia Nowak,"), "\(answer.text)")
            #expect(answer.text.contains("Zamówienie #1043 jest w drodze. Paczkę wiezie InPost") && answer.text.contains(link))
            #expect(answer.thread?.inReplyTo != nil && answer.subject?.contains("[#") == true)
            #expect(try await Self.queued(world, topic: "conversation.acknowledgement").isEmpty, "one automatic mail, not two")

            let conversation = try #require(try await Self.conversations(world).first).conversation
            let messages = try await ReadConversations(database: database).messages(
                shop: world.shop.id, conversation: conversation.publicID
            )
            .map(\.message)
            #expect(messages.map(\.kind) == [.incoming, .assistant])
            #expect(messages.last?.machine == "assistant" && messages.last?.channel == .email)
            #expect(messages.last?.text.hasPrefix("Zamówienie #1043 jest w drodze.") == true)

            // Her thanks in the same thread still names the order in its subject; it asks nothing.
            world.clock.advance(by: 600)
            try await Self.email(
                world, from: "zofia.nowak@example.pl", subject: "Re: [#\(conversation.number)] Gdzie jest moje zamówienie 1043?",
                body: "Dziękuję!", headers: "In-Reply-To: <\(answer.messageID ?? "")>\r\n")
            #expect(try await Self.queued(world, topic: "conversation.order_answer").count == 1)

            // Delivered, a message about the order ("it came, but…") is for a person: the acknowledgement says so.
            _ = try await IngestOrderEvent(database: database, clock: world.clock)(
                shop: world.shop.id,
                OrderEvent(
                    source: "shopify", eventID: "e3", externalOrderID: "shopify:1", number: nil, stage: .delivered,
                    occurredAt: world.clock.now(), customer: OrderCustomer(), currency: nil, totalMinor: nil, items: [], shipment: nil))
            try await Self.email(
                world, from: "zofia.nowak@example.pl", subject: "Zamówienie 1043", body: "Dostałam zamówienie, ale kubek jest pęknięty.")
            #expect(try await Self.queued(world, topic: "conversation.order_answer").count == 1)
            #expect(try await Self.queued(world, topic: "conversation.acknowledgement").count == 1)
        }
    }

    @Test(
        "someone else asking about the order, or a machine, gets no order status: a person the acknowledgement, a machine nothing",
        arguments: TestDatabase.available)
    func strangersAndMachines(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            _ = try await OrderAnswerTests.order(world)
            try await Self.email(world, from: "someone@example.pl", subject: "Gdzie jest zamówienie 1043?", body: "Proszę o status.")
            try await Self.email(
                world, from: "zofia.nowak@example.pl", subject: "Automatyczna odpowiedź: zamówienie 1043",
                body: "Gdzie jest moje zamówienie 1043? Jestem na urlopie.", headers: "Auto-Submitted: auto-replied\r\n")
            #expect(try await Self.queued(world, topic: "conversation.order_answer").isEmpty)
            let acknowledged = try await Self.queued(world, topic: "conversation.acknowledgement")
            #expect(acknowledged.map(\.recipient) == ["someone@example.pl"])
            // Her own question about an order that is not hers gets the acknowledgement too.
            try await Self.email(world, from: "zofia.nowak@example.pl", subject: "Gdzie jest zamówienie 9999?", body: "Status?")
            #expect(try await Self.queued(world, topic: "conversation.order_answer").isEmpty)
            #expect(try await Self.queued(world, topic: "conversation.acknowledgement").count == 2)
        }
    }

    @Test(
        "a text from the order's own phone gets the status by SMS once, even when the provider calls twice; another phone gets none",
        arguments: TestDatabase.available)
    func sms(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let order = try await OrderAnswerTests.order(world, phone: "+48 600 700 800")
            let link = try await Self.links(world).url(shop: world.shop, order: order.publicID)
            let record = RecordSMSCallback(database: database, clock: world.clock, links: Self.links(world))
            let question = InboundSMS(
                from: "+48600700800", to: "+48221234567", body: "Gdzie jest zamówienie 1043?", providerMessageID: "s1")
            try await record(shop: world.shop.id, .inbound(question))
            try await record(shop: world.shop.id, .inbound(question))
            try await record(
                shop: world.shop.id,
                .inbound(InboundSMS(from: "+48511222333", to: "+48221234567", body: "Gdzie jest zamówienie 1043?", providerMessageID: "s2"))
            )
            let answers = try await Self.queued(world, topic: "conversation.order_answer")
            #expect(answers.count == 1 && answers.first?.channel == .sms && answers.first?.recipient == "+48600700800")
            #expect(answers.first?.text.hasPrefix("Zamówienie #1043 jest w drodze.") == true && answers.first?.text.hasSuffix(link) == true)
            let conversations = try await Self.conversations(world)
            let hers = try #require(conversations.first { $0.conversation.customerID == order.customerID }).conversation
            let kinds = try await ReadConversations(database: database).messages(shop: world.shop.id, conversation: hers.publicID)
                .map(\.message.kind)
            #expect(kinds == [.incoming, .assistant, .incoming])
        }
    }
}

import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Bounces of Parley's mail")
struct RecordBounceTests {
    typealias Inbox = ConversationSLATests.Inbox

    static func bounce(of messageID: String, recipient: String, status: String = "5.1.1", action: String = "failed") -> String {
        """
        Return-Path: <>\r
        From: MAILER-DAEMON@mx.acme.example (Mail Delivery System)\r
        To: sklep@acme.example\r
        Subject: Undelivered Mail Returned to Sender\r
        Message-ID: <\(UUID().uuidString)@mx.acme.example>\r
        Auto-Submitted: auto-replied\r
        MIME-Version: 1.0\r
        Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r
        \r
        --B\r
        Content-Type: text/plain\r
        \r
        I'm sorry to have to inform you that your message could not be delivered.\r
        --B\r
        Content-Type: message/delivery-status\r
        \r
        Reporting-MTA: dns; mx.acme.example\r
        \r
        Final-Recipient: rfc822; \(recipient)\r
        Action: \(action)\r
        Status: \(status)\r
        Diagnostic-Code: smtp; 550 \(status) <\(recipient)>: Recipient address rejected: User unknown\r
        --B\r
        Content-Type: text/rfc822-headers\r
        \r
        From: Acme <sklep@acme.example>\r
        To: \(recipient)\r
        Message-ID: <\(messageID)>\r
        --B--\r

        """
    }

    static func receive(_ inbox: Inbox, raw: String) async throws -> InboundMail {
        let stored = try await ReceiveEmail(database: inbox.world.database, clock: inbox.world.clock)(
            shop: inbox.world.shop.id,
            NewInboundMail(source: "api", envelopeFrom: "", envelopeTo: [], remoteAddress: nil, raw: Array(raw.utf8)))
        _ = try await NotifyOrderStageTests.runJobs(FileIncomingEmail.kind, world: inbox.world, handler: inbox.filer)
        return try await ReceiveEmail(database: inbox.world.database, clock: inbox.world.clock).status(
            shop: inbox.world.shop.id, publicID: stored.publicID
        ).mail
    }

    /// Zofia writes, an agent answers: her conversation and the Message-ID of the answer.
    static func answeredZofia(_ inbox: Inbox) async throws -> (conversation: Conversation, sent: String) {
        try await inbox.receive("Paczka", from: "zofia@example.pl")
        let conversation = try await inbox.only()
        let reply = try await ReplyToConversation(database: inbox.world.database, clock: inbox.world.clock, fallbackDomain: "acme.example")(
            shop: inbox.world.shop.id, conversation: conversation.publicID, agentID: nil, text: "Wysłaliśmy ją wczoraj.")
        return (conversation, try #require(reply.messageID))
    }

    @Test(
        "a bounce of an agent's reply marks it bounced with the server's reason, shows on the timeline and joins the conversation",
        arguments: TestDatabase.available)
    func replyBounced(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            let (conversation, sent) = try await Self.answeredZofia(inbox)

            let delayed = try await Self.receive(
                inbox, raw: Self.bounce(of: sent, recipient: "zofia@example.pl", status: "4.4.7", action: "delayed"))
            #expect(delayed.status == .threaded)
            let filed = try await Self.receive(inbox, raw: Self.bounce(of: sent, recipient: "zofia@example.pl"))
            #expect(filed.status == .threaded)

            let messages = try await ReadConversations(database: database).messages(shop: shop, conversation: conversation.publicID)
            let delivery = try #require(messages.first { $0.message.kind == .reply }?.delivery)
            #expect(delivery.status == .bounced)
            #expect(
                delivery.lastError
                    == "bounced by zofia@example.pl: 5.1.1 550 5.1.1 <zofia@example.pl>: Recipient address rejected: User unknown")
            #expect(messages.last?.message.machine == "bounce")
            // A bounce neither reopens nor wakes the conversation, nor starts a clock.
            let after = try await inbox.only()
            #expect(after.status == .pending && after.sla?.due.isEmpty == true)
            let customer = try #require(conversation.customerID)
            let timeline = try await database.withConnection {
                try await TimelineRepository($0).list(shop: shop, customerID: customer, before: nil, limit: 20)
            }
            #expect(timeline.filter { $0.kind.rawValue == "email.bounced" }.count == 1)
        }
    }

    @Test("a bounce about mail Parley never sent is kept and set aside, and changes nothing", arguments: TestDatabase.available)
    func unknown(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let stored = try await Self.receive(inbox, raw: Self.bounce(of: "spoofed-123@elsewhere.example", recipient: "x@example.org"))
            #expect(stored.status == .ignored && stored.detail == "a bounce about nothing Parley sent")
            #expect(
                try await ReadConversations(database: database).list(
                    shop: inbox.world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 10
                ).items.isEmpty)
        }
    }

    @Test(
        "a bounce saying the address is gone stops automatic mail to it, and order updates say why; a full mailbox does not; lifting it sends again",
        arguments: TestDatabase.available)
    func suppression(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let inbox = try Inbox(try await ConversationSLATests.shop(database))
            let shop = inbox.world.shop.id
            let suppressions = Suppressions(database: database)
            let sent = try await Self.answeredZofia(inbox).sent

            _ = try await Self.receive(inbox, raw: Self.bounce(of: sent, recipient: "zofia@example.pl", status: "5.2.2"))
            #expect(try await suppressions.list(shop: shop, cursor: nil, limit: 10).items.isEmpty)
            _ = try await Self.receive(inbox, raw: Self.bounce(of: sent, recipient: "Zofia@Example.pl"))
            let suppressed = try await suppressions.list(shop: shop, cursor: nil, limit: 10).items
            #expect(suppressed.map(\.address) == ["zofia@example.pl"])
            #expect(suppressed.first?.reason == "bounced" && suppressed.first?.detail?.hasPrefix("5.1.1 550") == true)

            // She writes about something else: filed, but no acknowledgement goes to the dead address.
            try await inbox.receive("Faktura", from: "zofia@example.pl")
            let acknowledgements = {
                try await database.withConnection {
                    try await MessageRepository($0).count(
                        shop: shop, topic: "conversation.acknowledgement", recipient: "zofia@example.pl",
                        since: Date(timeIntervalSince1970: 0))
                }
            }
            #expect(try await acknowledgements() == 1)

            let ingest = IngestOrderEvent(database: database, clock: inbox.world.clock)
            let notifier = try await NotifyOrderStageTests.notifier(inbox.world)
            _ = try await ingest(shop: shop, NotifyOrderStageTests.event(.accepted, id: "w1", customer: NotifyOrderStageTests.zofia))
            #expect(try await NotifyOrderStageTests.runJobs(NotifyOrderStage.kind, world: inbox.world, handler: notifier) == 1)
            try await suppressions.lift(shop: shop, address: "ZOFIA@example.pl")
            await #expect(throws: MessageError.addressNotSuppressed("zofia@example.pl")) {
                try await suppressions.lift(shop: shop, address: "zofia@example.pl")
            }
            _ = try await ingest(shop: shop, NotifyOrderStageTests.event(.paid, id: "w2", customer: NotifyOrderStageTests.zofia))
            #expect(try await NotifyOrderStageTests.runJobs(NotifyOrderStage.kind, world: inbox.world, handler: notifier) == 1)

            let publicID = try #require(
                try await database.withConnection { try await OrderRepository($0).find(shop: shop, externalID: "shopify:1") }?.publicID)
            let order = try await ReadOrders(database: database).details(shop: shop, publicID: publicID)
            #expect(order.messages.map(\.status) == [.unreachable, .queued])
            #expect(order.messages.first?.lastError == "the customer's email address bounced and there is no phone number")
            #expect(order.messages.last?.recipient == "zofia@example.pl")
        }
    }
}

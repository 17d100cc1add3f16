import Crypto
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// Live chat as visitors and agents meet it: a first message opens a conversation in the inbox,
/// a message sent again is stored once, a browser's token is the only way into its chats, a shop
/// vouches for signed-in customers, and answers reach the widget.
@Suite("Live chat")
struct LiveChatTests {
    static let secret = "kubki-widget-secret-0123456789abcdef"

    /// An HS256 JWT written by hand, as a shop's own server would, independent of Parley's verifier.
    static func token(_ claims: [String: Any], secret: String = secret) throws -> String {
        func base64URL(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let header = base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = base64URL(try JSONSerialization.data(withJSONObject: claims))
        let signature = HMAC<SHA256>.authenticationCode(
            for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(header).\(payload).\(base64URL(Data(signature)))"
    }

    static func world(_ database: ParleyDatabase) async throws -> (World, LiveChat, LocalEventBus) {
        let world = try await World.given(database, shop: "kubki")
        _ = try await ShopSettings(database: database, clock: world.clock).update(
            shop: world.shop.id, ["widget.identity_secret": secret, "inbox.business_hours": "mon-sun 00:00-24:00"])
        let bus = LocalEventBus()
        return (world, LiveChat(database: database, clock: world.clock, bus: bus), bus)
    }

    @Test(
        "a visitor's first message opens a chat in the inbox for the assistant; the same client id again is stored once",
        arguments: TestDatabase.available)
    func firstMessage(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, bus) = try await Self.world(database)
            let inbox = bus.subscribe(topic: InboxEvents.topic(shop: world.shop.id))
            let session = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: "pl-PL")
            let token = try #require(session.issuedToken)
            #expect(session.thread == nil && session.visitor.locale == "pl-PL")

            let (sent, line) = try await chat.send(
                session, clientID: "c-1", text: "  Czy macie kubek 500 ml?  ", pageURL: "https://kubki.example/p/1")
            #expect(line.text == "Czy macie kubek 500 ml?" && line.clientID == "c-1" && line.kind == .incoming)
            let conversation = try await ReadConversations(database: database).conversation(
                shop: world.shop.id, publicID: try #require(sent.conversation))
            #expect(conversation.conversation.channel == .chat && conversation.conversation.status == .open)
            #expect(conversation.conversation.subject == "Czy macie kubek 500 ml?")
            #expect(sent.thread?.handledBy == .assistant && sent.thread?.pageURL == "https://kubki.example/p/1")
            var events = inbox.makeAsyncIterator()
            #expect(await events.next()?.payload.contains(#""type":"conversation.created""#) == true)

            // The widget lost the acknowledgement and sends the same message again after reconnecting.
            let again = try await chat.connect(shop: world.shop, token: token, identity: nil, locale: nil)
            #expect(again.issuedToken == nil && again.visitor.id == session.visitor.id && again.conversation == sent.conversation)
            let (_, repeated) = try await chat.send(again, clientID: "c-1", text: "Czy macie kubek 500 ml?", pageURL: nil)
            #expect(repeated.id == line.id)
            let (_, second) = try await chat.send(again, clientID: "c-2", text: "I w kolorze zielonym?", pageURL: nil)
            #expect(try await chat.lines(again, after: nil).map(\.text) == ["Czy macie kubek 500 ml?", "I w kolorze zielonym?"])
            #expect(try await chat.lines(again, after: line.id).map(\.id) == [second.id])

            await #expect(throws: InvalidInput.self) { _ = try await chat.send(again, clientID: "c-3", text: "   ", pageURL: nil) }
            await #expect(throws: InvalidInput.self) { _ = try await chat.send(again, clientID: "bad id!", text: "x", pageURL: nil) }
        }
    }

    @Test(
        "only the browser's own token opens its chats; another shop's or a made-up token starts a new visitor",
        arguments: TestDatabase.available)
    func tokens(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, _) = try await Self.world(database)
            let mine = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: nil)
            let (sent, _) = try await chat.send(mine, clientID: "a", text: "Moje zamówienie 1042", pageURL: nil)
            let token = try #require(mine.issuedToken)

            let guessed = try await chat.connect(
                shop: world.shop, token: "vt_" + String(token.dropFirst(3).reversed()), identity: nil, locale: nil)
            #expect(guessed.visitor.id != mine.visitor.id && guessed.conversation == nil)
            #expect(try await chat.lines(guessed, after: nil).isEmpty)

            let other = try await world.otherShop()
            let elsewhere = try await chat.connect(shop: other, token: token, identity: nil, locale: nil)
            #expect(elsewhere.visitor.id != mine.visitor.id && elsewhere.conversation == nil && elsewhere.issuedToken != nil)
            #expect(sent.conversation != nil)
        }
    }

    @Test(
        "a shop-signed identity names the customer; expired, long-lived or wrongly signed ones are refused; another customer on the same browser starts afresh",
        arguments: TestDatabase.available)
    func identities(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, _) = try await Self.world(database)
            let now = world.clock.now().timeIntervalSince1970
            let zofia = try Self.token(["sub": "7012345", "exp": now + 3600, "email": "Zofia@Example.pl", "name": "Zofia Nowak"])
            let session = try await chat.connect(shop: world.shop, token: nil, identity: zofia, locale: "pl")
            let customerID = try #require(session.visitor.customerID)
            let customer = try #require(
                try await database.withConnection { sql in try await CustomerRepository(sql).find(shop: world.shop.id, id: customerID) })
            #expect(customer.name == "Zofia Nowak")
            #expect(Set(customer.identities.map(\.value)) == ["shop:7012345", "zofia@example.pl"])
            let (sent, _) = try await chat.send(session, clientID: "z1", text: "Gdzie moja paczka?", pageURL: nil)

            for refused in [
                try Self.token(["sub": "7012345", "exp": now - 10]),
                try Self.token(["sub": "7012345", "exp": now + 3 * 86400]),
                try Self.token(["sub": "7012345", "exp": now + 3600], secret: "not the shop's secret"),
                try Self.token(["exp": now + 3600]),
                "not.a.jwt",
            ] {
                await #expect(throws: InvalidInput.self) {
                    _ = try await chat.connect(shop: world.shop, token: session.issuedToken, identity: refused, locale: nil)
                }
            }

            // A shop that removes its secret can no longer be vouched to: the page is told why.
            _ = try await ShopSettings(database: database, clock: world.clock).update(shop: world.shop.id, ["widget.identity_secret": nil])
            await #expect(throws: ChatError.noIdentitySecret) {
                _ = try await chat.connect(shop: world.shop, token: nil, identity: zofia, locale: nil)
            }
            _ = try await ShopSettings(database: database, clock: world.clock).update(
                shop: world.shop.id, ["widget.identity_secret": Self.secret])

            // Jan signs in on the browser Zofia used: he gets a new visitor, not her chat.
            let jan = try Self.token(["sub": "shopify:99", "exp": now + 600])
            let his = try await chat.connect(shop: world.shop, token: session.issuedToken, identity: jan, locale: nil)
            #expect(his.visitor.id != session.visitor.id && his.conversation == nil && his.issuedToken != nil)
            // Zofia on the same browser again keeps hers.
            let back = try await chat.connect(shop: world.shop, token: session.issuedToken, identity: zofia, locale: nil)
            #expect(back.visitor.id == session.visitor.id && back.conversation == sent.conversation)
        }
    }

    @Test(
        "an agent's answer in a chat goes to the widget, not by email; handing over and presence tell the visitor who answers",
        arguments: TestDatabase.available)
    func answers(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, bus) = try await Self.world(database)
            let agent = try await AddAgent(database: database, clock: world.clock)(
                shop: world.shop.id, email: "ola@kubki.example", name: "Ola", role: .agent, password: "correct horse battery"
            ).agent
            let session = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: "pl")
            let (sent, _) = try await chat.send(session, clientID: "m1", text: "Czy jest ktoś?", pageURL: nil)
            let conversation = try #require(sent.conversation)
            let widget = ChatEvents(bus: bus).subscribe(shop: world.shop.id, conversation: conversation)
            var heard = widget.makeAsyncIterator()

            #expect(try await chat.agentsAvailable(shop: world.shop) == false, "nobody has the inbox open")
            try await chat.agentSeen(shop: world.shop.id, agentID: agent.id)
            #expect(try await chat.agentsAvailable(shop: world.shop))
            world.clock.advance(by: 120)
            #expect(try await chat.agentsAvailable(shop: world.shop) == false, "the inbox was closed two minutes ago")

            let handed = try await chat.handOver(sent, reason: "the visitor asked for a person")
            #expect(handed.thread?.handledBy == .person)
            #expect(await heard.next() == ChatEvents.Payload(type: .handler, detail: "person"))

            let reply = try await ReplyToConversation(database: database, clock: world.clock, fallbackDomain: "kubki.example", bus: bus)(
                shop: world.shop.id, conversation: conversation, agentID: agent.id, text: "Dzień dobry, tu Ola!")
            #expect(reply.channel == .chat && reply.outboundMessageID == nil)
            #expect(await heard.next() == ChatEvents.Payload(type: .message, message: reply.id))
            let lines = try await chat.lines(handed, after: nil)
            #expect(lines.map(\.text) == ["Czy jest ktoś?", "Dzień dobry, tu Ola!"])
            #expect(lines.last?.agentName == "Ola" && lines.last?.kind == .reply)
            let note = try await AddNote(database: database, clock: world.clock)(
                shop: world.shop.id, conversation: conversation, agentID: agent.id, text: "Klient VIP")
            #expect(try await chat.lines(handed, after: nil).contains { $0.id == note.id } == false, "notes stay between agents")
        }
    }

    /// A shop that answers chats by email too: the chat, an agent's reply and the follow-up job.
    static func followUpWorld(_ database: ParleyDatabase) async throws -> (World, LiveChat, ReplyToConversation, ChatFollowUp) {
        let (world, chat, bus) = try await Self.world(database)
        _ = try await ShopSettings(database: database, clock: world.clock).update(
            shop: world.shop.id, ["support.email": "sklep@kubki.example"])
        let followUp = ChatFollowUp(
            database: database, clock: world.clock, catalogs: try MessageCatalogs(), fallbackDomain: "kubki.example")
        let reply = ReplyToConversation(database: database, clock: world.clock, fallbackDomain: "kubki.example", bus: bus)
        return (world, chat, reply, followUp)
    }

    @Test(
        "an answer the visitor did not see goes to the email they left, threaded back into the chat; a transcript on request; seen answers stay in the chat",
        arguments: TestDatabase.available)
    func emailContinuation(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, reply, followUp) = try await Self.followUpWorld(database)
            let session = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: "pl")
            var (sent, first) = try await chat.send(session, clientID: "e1", text: "Czy wysyłacie do Gdańska?", pageURL: nil)
            sent = try await chat.setEmail(sent, email: "Zofia@Example.PL")
            #expect(sent.visitor.email == "zofia@example.pl")
            let conversation = try #require(sent.conversation)

            // The visitor still has the widget open and reads the answer: nothing goes by email.
            let seen = try await reply(shop: world.shop.id, conversation: conversation, agentID: nil, text: "Tak, wysyłamy.")
            sent = try await chat.markRead(sent, upTo: seen.id)
            world.clock.advance(by: ChatFollowUp.delay + 1)
            _ = try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp)
            #expect(try await Self.emails(world).isEmpty)

            // They closed the page; two answers come in; one email carries both, once.
            _ = try await reply(shop: world.shop.id, conversation: conversation, agentID: nil, text: "Dostawa trwa 2 dni.")
            _ = try await reply(shop: world.shop.id, conversation: conversation, agentID: nil, text: "Koszt: 12 zł.")
            world.clock.advance(by: 30)
            #expect(try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp) == 0, "too early")
            world.clock.advance(by: ChatFollowUp.delay)
            #expect(try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp) == 2)
            let mails = try await Self.emails(world)
            #expect(mails.count == 1)
            let mail = try #require(mails.first)
            #expect(mail.recipient == "zofia@example.pl" && mail.subject?.contains("[#") == true)
            #expect(mail.text.hasPrefix("Kubki odpowiedział(a) Ci na czacie:"))
            #expect(
                mail.text.contains("Dostawa trwa 2 dni.") && mail.text.contains("Koszt: 12 zł.") && !mail.text.contains("Tak, wysyłamy."))
            #expect(mail.thread?.replyTo?.hasPrefix("sklep+") == true, "the visitor's answer by email comes back to this conversation")

            try await chat.sendTranscript(sent)
            #expect(try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp) == 1)
            let transcript = try #require(try await Self.emails(world).first { $0.text.hasPrefix("Twoja rozmowa") })
            #expect(transcript.text.contains("Ty:\n\(first.text)") && transcript.text.contains("Koszt: 12 zł."))
        }
    }

    @Test(
        "an answer to a visitor who left no address waits for none; the address left later still brings the answers not seen",
        arguments: TestDatabase.available)
    func addressLeftLater(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, reply, followUp) = try await Self.followUpWorld(database)
            let session = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: "en")
            var (sent, _) = try await chat.send(session, clientID: "a1", text: "Do you ship to Patras?", pageURL: nil)
            let conversation = try #require(sent.conversation)
            _ = try await reply(shop: world.shop.id, conversation: conversation, agentID: nil, text: "Yes, in three days.")
            world.clock.advance(by: ChatFollowUp.delay + 1)
            #expect(try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp) == 0)

            // The visitor comes back to the closed tab and leaves an address without reading the answer.
            sent = try await chat.setEmail(sent, email: "eleni@example.gr")
            world.clock.advance(by: 30)
            #expect(try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp) == 0, "too early")
            world.clock.advance(by: ChatFollowUp.delay)
            #expect(try await NotifyOrderStageTests.runJobs("chat.follow_up", world: world, handler: followUp) == 1)
            let mails = try await Self.emails(world)
            #expect(mails.count == 1 && mails.first?.recipient == "eleni@example.gr")
            #expect(mails.first?.text.contains("Yes, in three days.") == true)
        }
    }

    static func emails(_ world: World) async throws -> [OutboundMessage] {
        try await world.database.withConnection { sql in
            try await MessageRepository(sql).list(shop: world.shop.id, statuses: [.queued], limit: 50)
        }
    }

    @Test("a picture or PDF from the visitor is stored with its message once; other files are refused", arguments: TestDatabase.available)
    func files(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let (world, chat, _) = try await Self.world(database)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 32)
            let session = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: "pl")
            let (sent, line) = try await chat.sendFile(session, clientID: "f1", filename: "C:\\zdjęcia\\kubek.png", bytes: png)
            #expect(line.text == "kubek.png" && line.files == 1)
            let (_, again) = try await chat.sendFile(sent, clientID: "f1", filename: "kubek.png", bytes: png)
            #expect(again.id == line.id)
            let conversation = try #require(sent.conversation)
            let messages = try await ReadConversations(database: database).messages(shop: world.shop.id, conversation: conversation)
            #expect(messages.count == 1 && messages[0].attachments.map(\.contentType) == ["image/png"])
            await #expect(throws: InvalidInput.self) {
                _ = try await chat.sendFile(sent, clientID: "f2", filename: "x.svg", bytes: Array("<svg onload=alert(1)>".utf8))
            }
            await #expect(throws: InvalidInput.self) {
                _ = try await chat.sendFile(
                    sent, clientID: "f3", filename: "big.pdf", bytes: Array("%PDF-".utf8) + Array(repeating: 0, count: LiveChat.largestFile)
                )
            }
        }
    }
}

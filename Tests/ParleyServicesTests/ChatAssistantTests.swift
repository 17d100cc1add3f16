import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// The assistant in a live chat: an instant answer with a link to the article, an order's status
/// only after the visitor proves it is theirs, and a person when it does not know or proofs fail.
@Suite("The assistant in live chat")
struct ChatAssistantTests {
    struct Chat {
        let world: World
        let chat: LiveChat
        let assistant: ChatAssistant

        init(_ database: ParleyDatabase) async throws {
            let (world, chat, _) = try await LiveChatTests.world(database)
            self.world = world
            self.chat = chat
            let links = TrackingLinks(database: database, clock: world.clock, publicURL: "https://help.kubki.example")
            assistant = ChatAssistant(
                chat: chat, assistant: Assistant(database: database, links: links, catalogs: try MessageCatalogs()), database: database,
                publicURL: "https://help.kubki.example")
            _ = try await KnowledgeBase(database: database, clock: world.clock).create(
                shop: world.shop.id,
                ArticleInput(
                    locale: "pl", category: "Zwroty", title: "Zwroty i wymiany",
                    body: "Masz **30 dni** od dostawy na zwrot towaru bez podania przyczyny.\n\nWymiana rozmiaru jest bezpłatna.",
                    status: .published), by: .system)
        }

        /// Sends `text` as the visitor and returns what the assistant said and who handles the chat next.
        func ask(_ session: ChatSession, _ text: String) async throws -> (ChatSession, String, ChatThread.Handler?) {
            let (sent, line) = try await chat.send(session, clientID: UUID().uuidString, text: text, pageURL: nil)
            try await assistant.reply(to: sent, line: line)
            let again = try await chat.connect(shop: world.shop, token: session.issuedToken ?? "", identity: nil, locale: nil)
            let said = try await chat.lines(again, after: line.id).last { $0.kind == .assistant }?.text ?? ""
            return (sent, said, again.thread?.handledBy)
        }
    }

    @Test("an article answers at once with its link; an order's status only after its email or postcode", arguments: TestDatabase.available)
    func answers(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let chat = try await Chat(database)
            let order = try await OrderAnswerTests.order(chat.world)
            var session = try await chat.chat.connect(shop: chat.world.shop, token: nil, identity: nil, locale: "pl")
            var said: String
            (session, said, _) = try await chat.ask(session, "Ile mam dni na zwrot?")
            #expect(said.contains("30 dni") && said.contains("https://help.kubki.example/help/kubki/art_"), "\(said)")

            (session, said, _) = try await chat.ask(session, "Gdzie jest moja paczka?")
            #expect(said.contains("numer zamówienia") && !said.contains("1043"))
            (session, said, _) = try await chat.ask(session, "1043, kod 00-590")
            #expect(said.contains("#1043") && said.contains("/t/kubki/\(order.publicID)"), "\(said)")
            let lines = try await chat.chat.lines(session, after: nil)
            #expect(lines.filter { $0.kind == .assistant }.count == 3, "every answer is marked as the assistant's")

            // Waiting for a proof, a new question with a number in it is a question, not a wrong proof.
            var other = try await chat.chat.connect(shop: chat.world.shop, token: nil, identity: nil, locale: "pl")
            (other, _, _) = try await chat.ask(other, "Gdzie jest zamówienie 1043?")
            let (_, question, _) = try await chat.ask(other, "A czy macie kubek 500 ml w kolorze zielonym?")
            #expect(!question.hasPrefix("Nie znalazłem"), "\(question)")
        }
    }

    @Test(
        "a question it cannot answer goes to a person; three wrong proofs too, without telling whether the order exists",
        arguments: TestDatabase.available)
    func handsOver(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let chat = try await Chat(database)
            _ = try await OrderAnswerTests.order(chat.world)
            let first = try await chat.chat.connect(shop: chat.world.shop, token: nil, identity: nil, locale: "pl")
            let (_, unknown, handler) = try await chat.ask(first, "Czy sprzedajecie rowery elektryczne?")
            #expect(unknown.hasPrefix("Przepraszam") && handler == .person)

            var session = try await chat.chat.connect(shop: chat.world.shop, token: nil, identity: nil, locale: "pl")
            var said: String
            var who: ChatThread.Handler?
            (session, said, who) = try await chat.ask(session, "Gdzie jest zamówienie 1043?")
            #expect(said.contains("1043") && who == .assistant)
            (session, said, who) = try await chat.ask(session, "jan@example.pl")
            let wrongForExisting = said
            #expect(who == .assistant)
            (session, said, who) = try await chat.ask(session, "99-999")
            #expect(said == wrongForExisting && who == .assistant)
            (session, said, who) = try await chat.ask(session, "inny@example.pl")
            #expect(who == .person, "three wrong proofs reach a person, not more guesses")

            // An order that does not exist gets the very same words.
            var other = try await chat.chat.connect(shop: chat.world.shop, token: nil, identity: nil, locale: "pl")
            (other, _, _) = try await chat.ask(other, "Gdzie jest zamówienie 7777?")
            let (_, missing, _) = try await chat.ask(other, "jan@example.pl")
            #expect(missing == wrongForExisting)
        }
    }

    @Test("a customer the shop signed in needs no proof for their own order", arguments: TestDatabase.available)
    func signedIn(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let chat = try await Chat(database)
            _ = try await OrderAnswerTests.order(chat.world)
            let now = chat.world.clock.now().timeIntervalSince1970
            let identity = try LiveChatTests.token(["sub": "7012345", "exp": now + 600, "email": "zofia.nowak@example.pl"])
            let session = try await chat.chat.connect(shop: chat.world.shop, token: nil, identity: identity, locale: "pl")
            let (_, said, _) = try await chat.ask(session, "Gdzie jest moje zamówienie 1043?")
            #expect(said.contains("#1043") && said.contains("/t/kubki/"), "\(said)")
        }
    }
}

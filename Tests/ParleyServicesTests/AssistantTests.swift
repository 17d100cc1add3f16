import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// The assistant answers from what the shop published, in the customer's language first, and
/// notices at once when the articles change.
@Suite("Assistant")
struct AssistantTests {
    static func assistant(_ world: World) throws -> Assistant {
        Assistant(
            database: world.database, links: TrackingLinks(database: world.database, clock: world.clock, publicURL: "https://help.example"),
            catalogs: try MessageCatalogs())
    }

    static func publish(_ world: World, title: String, body: String, locale: String, status: Article.Status = .published) async throws
        -> Article
    {
        try await KnowledgeBase(database: world.database, clock: world.clock).create(
            shop: world.shop.id, ArticleInput(locale: locale, title: title, body: body, status: status),
            by: AuditActor(.apiKey, name: "test"))
    }

    @Test(
        "answers in the asked language from its articles, falls back to English, says it does not know", arguments: TestDatabase.available)
    func languages(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let zwroty = try await Self.publish(world, title: "Zwroty", body: "Masz **30 dni** na zwrot towaru.", locale: "pl-PL")
            let returns = try await Self.publish(world, title: "Returns", body: "You have 30 days to return anything.", locale: "en")
            let shipping = try await Self.publish(world, title: "Shipping", body: "We ship with UPS within 24 hours.", locale: "en")
            _ = try await Self.publish(world, title: "Zwroty (szkic)", body: "Zwrot towaru: 60 dni.", locale: "pl", status: .draft)
            let assistant = try Self.assistant(world)

            let polish = try await assistant.answer(shop: world.shop.id, question: "Ile mam czasu na zwrot towaru?", locale: "pl")
            guard case .article(let article) = polish.kind else { throw Unexpected(polish) }
            #expect(article.id == zwroty.publicID && article.path == "/help/acme/\(zwroty.publicID)")
            #expect(article.passage == "Masz 30 dni na zwrot towaru.", "the draft's 60 days are never quoted")
            #expect(polish.text.hasPrefix("Oto co mówi nasz artykuł pomocy „Zwroty”") && polish.language == "pl")

            // No Polish article about shipping: the English one answers, introduced in Polish.
            let fallback = try await assistant.answer(shop: world.shop.id, question: "UPS shipping?", locale: "pl-PL")
            guard case .article(let found) = fallback.kind else { throw Unexpected(fallback) }
            #expect(found.id == shipping.publicID && fallback.language == "pl")

            let english = try await assistant.answer(shop: world.shop.id, question: "How do I return something?", locale: nil)
            guard case .article(let guessed) = english.kind else { throw Unexpected(english) }
            #expect(guessed.id == returns.publicID && english.language == "en")

            let unknown = try await assistant.answer(shop: world.shop.id, question: "Czy sprzedajecie rowery?", locale: "pl")
            #expect(unknown.kind == .unknown && unknown.confidence < PassageIndex.minimumConfidence)
            #expect(unknown.text.contains("nie znam odpowiedzi") && unknown.text.contains("Acme"))
        }
    }

    @Test("a newly published or withdrawn article counts from the next question", arguments: TestDatabase.available)
    func freshness(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let assistant = try Self.assistant(world)
            let question = "Czy mogę zapłacić BLIKiem przy odbiorze?"
            #expect(try await assistant.answer(shop: world.shop.id, question: question, locale: "pl").kind == .unknown)
            let article = try await Self.publish(
                world, title: "Płatności BLIKiem", body: "Płatność BLIKiem przy odbiorze paczki.", locale: "pl")
            guard case .article = try await assistant.answer(shop: world.shop.id, question: question, locale: "pl").kind else {
                throw Unexpected("the new article was not used")
            }
            world.clock.advance(by: 60)
            _ = try await KnowledgeBase(database: database, clock: world.clock).update(
                shop: world.shop.id, publicID: article.publicID, ArticleInput(status: .draft), by: AuditActor(.apiKey, name: "test"))
            #expect(try await assistant.answer(shop: world.shop.id, question: question, locale: "pl").kind == .unknown)
            // Another shop's articles are never an answer.
            let other = try await world.otherShop()
            #expect(try await assistant.answer(shop: other.id, question: "Płatności BLIKiem", locale: "pl").kind == .unknown)
        }
    }

    @Test("order questions ask for proof before anything about the order is said", arguments: TestDatabase.available)
    func orderQuestion(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            _ = try await Self.publish(world, title: "Gdzie jest moje zamówienie?", body: "Sprawdź status zamówienia.", locale: "pl")
            let answer = try await Self.assistant(world).answer(shop: world.shop.id, question: "Где мой заказ №1043?", locale: "ru")
            #expect(answer.kind == .needsOrderVerification(orderNumber: "1043"))
            #expect(answer.text.contains("заказ 1043") && answer.text.contains("адрес электронной почты"))
        }
    }

    @Test("a missing question or a bad locale names the field", arguments: TestDatabase.available)
    func invalid(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let assistant = try Self.assistant(world)
            await #expect(throws: InvalidInput(field: "question", reason: "is required")) {
                try await assistant.answer(shop: world.shop.id, question: "  ", locale: "pl")
            }
            await #expect(throws: InvalidInput.self) {
                try await assistant.answer(shop: world.shop.id, question: "zwrot", locale: "po lsku")
            }
            await #expect(throws: InvalidInput.self) {
                try await assistant.answer(shop: world.shop.id, question: String(repeating: "zwrot ", count: 200), locale: "pl")
            }
        }
    }
}

/// An answer of another kind than the test expects.
struct Unexpected: Error, CustomStringConvertible {
    let description: String
    init(_ value: Any) { description = "unexpected: \(value)" }
}

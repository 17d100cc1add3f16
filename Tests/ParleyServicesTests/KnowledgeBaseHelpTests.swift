import Foundation
import ParleyCore
import ParleyServices
import ParleyTestSupport
import Testing

/// What the help page reads from the knowledge base: only published articles, in the visitor's
/// language or the next one the shop writes in, and a search that forgives case, accents and endings.
@Suite("Knowledge base: the help page's shelf and search")
struct KnowledgeBaseHelpTests {
    static func write(_ world: World, _ locale: String, _ title: String, _ body: String, category: String? = nil, published: Bool = true)
        async throws -> Article
    {
        try await KnowledgeBase(database: world.database, clock: world.clock).create(
            shop: world.shop.id,
            ArticleInput(locale: locale, category: category, title: title, body: body, status: published ? .published : .draft), by: .system
        )
    }

    @Test("the visitor's language, else the shop's default, else English; drafts and other shops never", arguments: TestDatabase.available)
    func shelf(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let knowledge = KnowledgeBase(database: database, clock: world.clock)
            _ = try await Self.write(world, "pl-PL", "Zwroty", "Masz 30 dni.", category: "Zamówienia")
            _ = try await Self.write(world, "pl", "Dostawa", "1–2 dni.", category: "Zamówienia")
            _ = try await Self.write(world, "pl", "Szkic", "Jeszcze nie.", published: false)
            _ = try await Self.write(world, "en", "Returns", "30 days.")
            let other = try await World.given(database, shop: "other", clock: world.clock)
            _ = try await Self.write(other, "de", "Rückgabe", "30 Tage.")

            let polish = try await knowledge.shelf(shop: world.shop, preferred: "pl-PL")
            #expect(polish.locale == "pl-PL" && polish.articles.map(\.title) == ["Zwroty"])
            let plain = try await knowledge.shelf(shop: world.shop, preferred: "pl")
            #expect(plain.locale == "pl" && plain.articles.map(\.title) == ["Dostawa", "Zwroty"], "pl-PL is on the pl shelf; no draft")
            #expect(plain.locales == ["en", "pl", "pl-PL"])
            let german = try await knowledge.shelf(shop: world.shop, preferred: "de")
            #expect(german.locale == "en" && german.articles.map(\.title) == ["Returns"], "the shop's default, English")
            #expect(try await knowledge.shelf(shop: other.shop, preferred: "pl").articles.map(\.title) == ["Rückgabe"])
        }
    }

    @Test("search folds case and accents, finds inflected words, ranks titles first", arguments: TestDatabase.available)
    func search(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let knowledge = KnowledgeBase(database: database, clock: world.clock)
            _ = try await Self.write(world, "pl", "Czas dostawy", "Paczki wysyłamy w 1–2 dni. Zwroty opisujemy osobno.")
            _ = try await Self.write(world, "pl", "Zwroty i reklamacje", "Masz 30 dni na zwrot towaru.")
            _ = try await Self.write(world, "pl", "Szkic o zwrotach", "Zwrot, zwroty, zwrotów.", published: false)
            _ = try await Self.write(world, "en", "Returns", "Thirty days.")
            let titles = { (query: String) in try await knowledge.search(shop: world.shop.id, locale: "pl", query: query).map(\.title) }
            #expect(try await titles("ZWROTÓW") == ["Zwroty i reklamacje", "Czas dostawy"], "title first; no draft, no English")
            #expect(try await titles("zwrotow") == ["Zwroty i reklamacje", "Czas dostawy"])
            #expect(try await titles("dostawa") == ["Czas dostawy"])
            #expect(try await titles("paczka 30") == [], "every word must be found")
            #expect(try await titles("towar zwrot") == ["Zwroty i reklamacje"])
            #expect(try await titles("   ") == [])
        }
    }
}

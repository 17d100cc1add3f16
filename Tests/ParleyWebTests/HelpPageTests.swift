import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/help/{shop}` as a customer sees it: published articles only, in their language or the shop's,
/// a search that forgives case, accents and endings, and articles whose HTML cannot script the page.
@Suite("The public help page")
struct HelpPageTests {
    static func page(_ client: any TestClientProtocol, _ uri: String, language: String? = nil) async throws -> (HTTPResponse.Status, String)
    {
        var headers: HTTPFields = [:]
        if let language { headers[.acceptLanguage] = language }
        return try await client.execute(uri: uri, method: .get, headers: headers) { ($0.status, String(buffer: $0.body)) }
    }

    @Test("articles by category in the visitor's language, drafts and other shops' articles not found", arguments: TestDatabase.available)
    func pages(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let knowledge = KnowledgeBase(database: world.database, clock: world.clock)
            _ = try await ShopSettings(database: world.database, clock: world.clock).update(
                shop: world.shop.id, ["default_locale": "pl", "brand.color": "#ffd400", "support.email": "pomoc@acme.example"])
            let returns = try await knowledge.create(
                shop: world.shop.id,
                ArticleInput(
                    locale: "pl", category: "Zwroty", title: "Jak zwrócić zamówienie?",
                    body:
                        "[formularz](javascript:alert(1))\n\nMasz **30 dni**.<script>alert(1)</script><img src=x onerror=alert(1)><iframe src=\"https://evil.example\"></iframe>",
                    status: .published), by: .system)
            let draft = try await knowledge.create(
                shop: world.shop.id, ArticleInput(locale: "pl", category: "Zwroty", title: "Tajny szkic", body: "Jeszcze nie."), by: .system
            )
            _ = try await knowledge.create(
                shop: world.shop.id,
                ArticleInput(
                    locale: "en", category: "Returns", title: "How do I return an order?", body: "You have 30 days.", status: .published),
                by: .system)
            let other = try await world.otherShop()
            let foreign = try await knowledge.create(
                shop: other.id, ArticleInput(locale: "pl", title: "Cudzy artykuł", body: "Nie dla Acme.", status: .published), by: .system)

            // A Polish browser reads Polish, with the page's language set and Polish words around the articles.
            let (status, polish) = try await Self.page(client, "/help/acme", language: "pl-PL,pl;q=0.9")
            #expect(status == .ok && polish.contains("<html lang=\"pl\">") && polish.contains("W czym możemy pomóc?"))
            #expect(polish.contains("Jak zwrócić zamówienie?") && polish.contains("/help/acme/\(returns.publicID)"))
            #expect(!polish.contains("Tajny szkic") && !polish.contains("Cudzy artykuł") && !polish.contains("How do I return"))
            #expect(polish.contains("background:#ffd400;color:#000000"), "dark text on a light brand colour")
            #expect(polish.contains("pomoc@acme.example"))

            // A browser in a language the shop does not write in gets the shop's default; ?lang= chooses.
            let (_, german) = try await Self.page(client, "/help/acme", language: "de-DE")
            #expect(german.contains("Jak zwrócić zamówienie?") && german.contains("<html lang=\"pl\">"))
            let (_, english) = try await Self.page(client, "/help/acme?lang=en", language: "pl")
            #expect(
                english.contains("How do I return an order?") && english.contains("How can we help?") && !english.contains("Jak zwrócić"))

            // One article, rendered and sanitized.
            try await client.execute(uri: "/help/acme/\(returns.publicID)", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok && html.contains("<strong>30 dni</strong>") && html.contains("formularz"))
                for banned in ["<script>alert", "onerror", "javascript:", "<iframe", "evil.example"] {
                    #expect(!html.contains(banned), "\(banned)")
                }
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src") == false)
                #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'self'") == true)
            }
            // Drafts, other shops' articles and unknown shops are not found.
            for uri in ["/help/acme/\(draft.publicID)", "/help/acme/\(foreign.publicID)", "/help/acme/art_nothing"] {
                let (status, page) = try await Self.page(client, uri, language: "pl")
                #expect(status == .notFound && page.contains("Tego artykułu tu nie ma") && !page.contains("Jeszcze nie."), "\(uri)")
            }
            #expect(try await Self.page(client, "/help/nobody").0 == .notFound)
        }
    }

    @Test("search finds words whatever their case, accents and endings; titles first", arguments: TestDatabase.available)
    func search(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let knowledge = KnowledgeBase(database: world.database, clock: world.clock)
            for (title, body, published) in [
                ("Czas dostawy", "Paczki wysyłamy w 1–2 dni. Zwroty opisujemy osobno.", true),
                ("Zwroty i reklamacje", "Masz 30 dni na zwrot towaru.", true), ("Zwrotów szkic", "Zwroty.", false),
            ] {
                _ = try await knowledge.create(
                    shop: world.shop.id, ArticleInput(locale: "pl", title: title, body: body, status: published ? .published : .draft),
                    by: .system)
            }
            let (status, found) = try await Self.page(client, "/help/acme?lang=pl&q=ZWROT%C3%93W", language: "en")
            #expect(status == .ok && found.contains("Znaleziono 2 artykuły") && !found.contains("Zwrotów szkic"))
            let first = try #require(found.range(of: "Zwroty i reklamacje"))
            let second = try #require(found.range(of: "Czas dostawy"))
            #expect(first.lowerBound < second.lowerBound, "the title match first")
            #expect(found.contains("value=\"ZWROTÓW\""), "the query stays in the box")
            let (_, none) = try await Self.page(client, "/help/acme?lang=pl&q=%3Cb%3Eparasol", language: "pl")
            #expect(none.contains("Nic nie znaleziono dla „&lt;b&gt;parasol”"))
        }
    }
}

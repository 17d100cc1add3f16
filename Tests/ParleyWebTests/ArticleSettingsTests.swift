import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/app/settings/articles` as an owner uses it: write a draft, preview it, publish, unpublish and
/// delete it, with the session's token on every form; a refused article comes back as typed with a
/// localized reason; agents and marketers are kept out, and another shop's owner finds nothing.
@Suite("Help articles in the agent app's settings")
struct ArticleSettingsTests {
    static func articles(_ world: World) async throws -> [Article] {
        try await KnowledgeBase(database: world.database, clock: world.clock).all(shop: world.shop.id)
    }

    static func encoded(_ fields: [(String, String)]) -> String {
        fields.map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Test("create, preview, edit, publish, unpublish, delete; CSRF, validation and roles", arguments: TestDatabase.available)
    func editor(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let add = AddAgent(database: world.database, clock: world.clock)
            let other = try await world.otherShop()
            for (email, role) in [("owner@acme.test", AgentRole.owner), ("admin@acme.test", .admin), ("agent@acme.test", .agent)] {
                _ = try await add(shop: world.shop.id, email: email, name: "Ola", role: role, password: "correct horse battery")
            }
            _ = try await add(
                shop: world.shop.id, email: "marketer@acme.test", name: "Mia", role: .marketer, password: "correct horse battery")
            _ = try await add(shop: other.id, email: "owner@other.test", name: "Olek", role: .owner, password: "correct horse battery")
            let owner = try await AgentAppTests.session(client, email: "owner@acme.test")
            let headers = SignInTests.form(cookie: owner.cookie)
            let typed: [(String, String)] = [
                ("title", "Zwroty"), ("category", "Zamówienia"), ("locale", "pl"),
                ("body", "Masz **30 dni** na zwrot.<script>alert(1)</script>"),
            ]

            let (status, empty) = try await AgentAppTests.page(client, "/app/settings/articles", cookie: owner.cookie)
            #expect(status == .ok && empty.contains("No articles yet"))
            #expect(try await AgentAppTests.page(client, "/app/settings", cookie: owner.cookie).1.contains("/app/settings/articles"))

            // Without the session's token nothing is written.
            try await client.execute(
                uri: "/app/settings/articles", method: .post, headers: headers,
                body: .init(string: "csrf_token=forged&" + Self.encoded(typed))
            ) { #expect($0.status == .forbidden) }
            #expect(try await Self.articles(world).isEmpty)

            // Preview renders the Markdown, sanitized, and stores nothing.
            try await client.execute(
                uri: "/app/settings/articles", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=preview&" + Self.encoded(typed))
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok && body.contains("<strong>30 dni</strong>") && !body.contains("<script>alert"))
                #expect(body.contains("value=\"Zwroty\""))
            }
            #expect(try await Self.articles(world).isEmpty)

            // A title that is too long comes back as typed, with the reason in the agent's language.
            var polish = headers
            polish[.acceptLanguage] = "pl"
            let tooLong = [("title", String(repeating: "x", count: 201))] + typed.dropFirst()
            try await client.execute(
                uri: "/app/settings/articles", method: .post, headers: polish,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=save&" + Self.encoded(tooLong))
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(body.contains("Nadaj artykułowi tytuł w jednej linii, do 200 znaków."))
                #expect(body.contains("value=\"\(String(repeating: "x", count: 201))\"") && body.contains("aria-invalid=\"true\""))
                #expect(body.contains("Masz **30 dni** na zwrot.&lt;script&gt;"), "the body as typed")
            }
            #expect(try await Self.articles(world).isEmpty)

            // Saved as a draft, then changed and published.
            let location = try await client.execute(
                uri: "/app/settings/articles", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=save&" + Self.encoded(typed))
            ) { response in
                #expect(response.status == .seeOther)
                return try #require(response.headers[.location])
            }
            let article = try #require(try await Self.articles(world).first)
            #expect(location == "/app/settings/articles/\(article.publicID)?saved=save")
            #expect(article.status == .draft && article.category == "Zamówienia" && article.locale == "pl")
            let (_, edit) = try await AgentAppTests.page(client, location, cookie: owner.cookie)
            #expect(edit.contains("Saved.") && edit.contains("<strong>30 dni</strong>") && edit.contains(">Publish</button>"))
            let path = "/app/settings/articles/\(article.publicID)"
            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: .init(
                    string: "csrf_token=\(owner.csrf)&intent=publish&" + Self.encoded([("title", "Zwroty i wymiany")] + typed.dropFirst()))
            ) { #expect($0.status == .seeOther && $0.headers[.location] == path + "?saved=publish") }
            var stored = try #require(try await Self.articles(world).first)
            #expect(stored.status == .published && stored.title == "Zwroty i wymiany" && stored.publishedAt != nil)
            let (_, list) = try await AgentAppTests.page(client, "/app/settings/articles?locale=pl&status=published", cookie: owner.cookie)
            #expect(list.contains("Zamówienia") && list.contains("Zwroty i wymiany") && list.contains("Published"))
            let (_, drafts) = try await AgentAppTests.page(client, "/app/settings/articles?status=draft", cookie: owner.cookie)
            #expect(!drafts.contains("Zwroty i wymiany") && drafts.contains("No articles in this language and status."))

            try await client.execute(
                uri: path, method: .post, headers: headers,
                body: .init(
                    string: "csrf_token=\(owner.csrf)&intent=unpublish&" + Self.encoded([("title", "Zwroty i wymiany")] + typed.dropFirst())
                )
            ) { #expect($0.status == .seeOther) }
            stored = try #require(try await Self.articles(world).first)
            #expect(stored.status == .draft && stored.publishedAt == nil)

            // An administrator may too; agents and marketers may not look or write; another shop's owner finds nothing.
            let admin = try await AgentAppTests.session(client, email: "admin@acme.test")
            #expect(try await AgentAppTests.page(client, path, cookie: admin.cookie).0 == .ok)
            for email in ["agent@acme.test", "marketer@acme.test"] {
                let session = try await AgentAppTests.session(client, email: email)
                #expect(try await AgentAppTests.page(client, "/app/settings/articles", cookie: session.cookie).0 == .forbidden)
                try await client.execute(
                    uri: path + "/delete", method: .post, headers: SignInTests.form(cookie: session.cookie),
                    body: .init(string: "csrf_token=\(session.csrf)")
                ) { #expect($0.status == .forbidden) }
            }
            let stranger = try await AgentAppTests.session(client, email: "owner@other.test")
            #expect(try await AgentAppTests.page(client, path, cookie: stranger.cookie).0 == .notFound)
            try await client.execute(
                uri: path + "/delete", method: .post, headers: SignInTests.form(cookie: stranger.cookie),
                body: .init(string: "csrf_token=\(stranger.csrf)")
            ) { #expect($0.status == .notFound) }
            #expect(try await Self.articles(world).count == 1)

            // Deleting asks first (on the page) and needs the token.
            #expect(try await AgentAppTests.page(client, path, cookie: owner.cookie).1.contains("Delete “Zwroty i wymiany”?"))
            try await client.execute(
                uri: path + "/delete", method: .post, headers: headers, body: .init(string: "csrf_token=forged")
            ) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: path + "/delete", method: .post, headers: headers, body: .init(string: "csrf_token=\(owner.csrf)")
            ) { #expect($0.status == .seeOther && $0.headers[.location] == "/app/settings/articles?deleted=1") }
            #expect(try await Self.articles(world).isEmpty)
            let events = try await AuditLog(database: world.database, clock: world.clock).list(
                shop: world.shop.id, cursor: nil, limit: 20
            ).items.map(\.action)
            #expect(
                events.filter { $0.hasPrefix("article.") }.sorted() == [
                    "article.changed", "article.changed", "article.created", "article.deleted",
                ])
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/f/{shop}`, the contact form a shop links to or frames on its pages: a person's message becomes
/// a conversation; a program's is thanked the same and kept nowhere.
@Suite("The contact form")
struct ContactFormTests {
    static func get(_ client: any TestClientProtocol, _ uri: String, language: String? = nil) async throws -> (TestResponse, String) {
        var headers: HTTPFields = [:]
        if let language { headers[.acceptLanguage] = language }
        return try await client.execute(uri: uri, method: .get, headers: headers) { ($0, String(buffer: $0.body)) }
    }

    static func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [String: String]) async throws -> (
        HTTPResponse.Status, String
    ) {
        let body = fields.sorted { $0.key < $1.key }.map { key, value in
            key + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        return try await client.execute(
            uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body)) }
    }

    /// The signed token of the form in `html`.
    static func token(_ html: String) throws -> String {
        let start = try #require(html.range(of: #"name="token" value=""#)).upperBound
        return String(html[start...].prefix { $0 != "\"" })
    }

    static func conversations(_ world: World, shop: ShopID? = nil) async throws -> [Conversation] {
        try await world.database.withConnection { sql in
            try await ConversationRepository(sql).list(shop: shop ?? world.shop.id, filter: ConversationFilter(), after: nil, limit: 10)
        }.map(\.conversation)
    }

    @Test(
        "a person's message becomes a form conversation for the customer with that address, acknowledged by email",
        arguments: TestDatabase.available)
    func submission(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await ShopSettings(database: world.database, clock: world.clock).update(
                shop: world.shop.id, ["brand.color": "#0b5cad"])
            let (response, page) = try await Self.get(client, "/f/acme", language: "pl-PL,pl;q=0.9")
            #expect(response.status == .ok && page.contains("<html lang=\"pl\">") && page.contains("Napisz do nas"))
            #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors *") == true)
            #expect(page.contains(#"<div class="hp" aria-hidden="true">"#) && page.contains(#"tabindex="-1" autocomplete="off""#))
            #expect(page.contains("--btn:#0b5cad;--on:#ffffff") && page.contains("<header"))
            let (_, embedded) = try await Self.get(client, "/f/acme?embed=1&lang=hi")
            #expect(
                embedded.contains("<html lang=\"hi\">") && !embedded.contains("<header") && embedded.contains(#"name="embed" value="1""#))

            world.clock.advance(by: 30)
            let (status, thanks) = try await Self.post(
                client, "/f/acme",
                [
                    "name": "Zofia Nowak", "email": "Zofia@Example.PL", "order": "#1043", "message": "Paczka nie dotarła.\nCo robić?",
                    "website": "", "token": try Self.token(page), "lang": "pl",
                ])
            #expect(status == .ok && thanks.contains("Dziękujemy!"))
            let conversation = try #require(try await Self.conversations(world).first)
            #expect(conversation.channel == .form && conversation.subject == "Zamówienie nr 1043: Paczka nie dotarła.")
            let messages = try await ReadConversations(database: world.database).messages(
                shop: world.shop.id, conversation: conversation.publicID
            ).map(\.message)
            #expect(messages.first?.kind == .incoming && messages.first?.channel == .form)
            #expect(messages.first?.text == "Numer zamówienia: 1043\n\nPaczka nie dotarła.\nCo robić?")
            #expect(messages.first?.sender == "zofia@example.pl")
            #expect(messages.last?.kind == .autoReply, "acknowledged by email, as a new email would be")
            let email = try Identity.normalized(.email, "zofia@example.pl")
            let customer = try await world.database.withConnection { sql -> Customer? in
                guard let id = try await CustomerRepository(sql).owners(shop: world.shop.id, of: [email])[email] else { return nil }
                return try await CustomerRepository(sql).find(shop: world.shop.id, id: id)
            }
            #expect(customer?.name == "Zofia Nowak" && customer?.locale == "pl" && conversation.customerID == customer?.id)
        }
    }

    @Test(
        "the hidden field, a post within two seconds or a made-up token get the same thanks and store nothing; an old form asks again",
        arguments: TestDatabase.available)
    func programs(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let (_, page) = try await Self.get(client, "/f/acme?lang=en")
            let token = try Self.token(page)
            let fields = ["email": "bot@example.com", "message": "Cheap watches", "token": token, "lang": "en"]
            let (fastStatus, tooFast) = try await Self.post(client, "/f/acme", fields)
            world.clock.advance(by: 10)
            let (_, honeypot) = try await Self.post(client, "/f/acme", fields.merging(["website": "https://spam.example"]) { $1 })
            let (_, forged) = try await Self.post(
                client, "/f/acme", fields.merging(["token": "1795000000000.AAAAAAAAAAAAAAAAAAAAAA"]) { $1 })
            let (_, none) = try await Self.post(client, "/f/acme", fields.merging(["token": ""]) { $1 })
            #expect(fastStatus == .ok && tooFast.contains("Thank you!"))
            #expect(honeypot == tooFast && forged == tooFast && none == tooFast, "nothing tells a program what gave it away")
            #expect(try await Self.conversations(world).isEmpty)

            world.clock.advance(by: 2 * 86400)
            let (status, expired) = try await Self.post(client, "/f/acme", fields.merging(["message": "Where is my parcel?"]) { $1 })
            #expect(status == .unprocessableContent && expired.contains("open for a long time") && expired.contains("Where is my parcel?"))
            #expect(try Self.token(expired) != token, "a fresh form to send again")
            #expect(try await Self.conversations(world).isEmpty)
        }
    }

    @Test(
        "a missing email address shows the form again, everything typed kept, the error in the page's language",
        arguments: TestDatabase.available)
    func missingEmail(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let (_, page) = try await Self.get(client, "/f/acme", language: "pl")
            world.clock.advance(by: 20)
            let (status, again) = try await Self.post(
                client, "/f/acme",
                [
                    "name": "Zofia <Nowak>", "email": " ", "order": "1043", "message": "Gdzie jest paczka?", "token": try Self.token(page),
                    "lang": "pl",
                ])
            #expect(status == .unprocessableContent)
            #expect(again.contains("Podaj adres e-mail.") && again.contains("Popraw, proszę:") && again.contains(##"href="#f-email""##))
            #expect(again.contains(#"aria-invalid="true" aria-describedby="f-email-error""#))
            #expect(
                again.contains("Gdzie jest paczka?</textarea>") && again.contains(#"value="Zofia &lt;Nowak&gt;""#)
                    && again.contains(#"value="1043""#))
            #expect(try Self.token(again) == (try Self.token(page)), "a quick correction is not a program's post")
            #expect(try await Self.conversations(world).isEmpty)
            let (_, english) = try await Self.post(client, "/f/acme", ["message": "", "token": try Self.token(page), "lang": "en"])
            #expect(english.contains("Enter your email address.") && english.contains("Write your message."))
        }
    }

    @Test("each shop has its own form: its name, its conversations, its tokens", arguments: TestDatabase.available)
    func otherShop(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let other = try await world.otherShop()
            let (_, acme) = try await Self.get(client, "/f/acme?lang=en")
            let (response, page) = try await Self.get(client, "/f/other?lang=en")
            #expect(response.status == .ok && page.contains(other.name) && !page.contains(world.shop.name))
            world.clock.advance(by: 10)
            let fields = ["email": "ola@example.pl", "message": "Hello", "lang": "en"]
            _ = try await Self.post(client, "/f/other", fields.merging(["token": try Self.token(acme)]) { $1 })
            #expect(try await Self.conversations(world, shop: other.id).isEmpty, "a token of one shop is forged for another")
            _ = try await Self.post(client, "/f/other", fields.merging(["token": try Self.token(page)]) { $1 })
            #expect(try await Self.conversations(world, shop: other.id).count == 1)
            #expect(try await Self.conversations(world).isEmpty)
            #expect(try await Self.get(client, "/f/nobody").0.status == .notFound)
        }
    }
}

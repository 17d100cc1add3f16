import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `/app/settings/messages` as an owner uses it: the texts saved with the session's token show on
/// the page as "customized", a preview shows what is typed without saving it, bad texts come back as
/// typed with the reason, agents are refused and another shop's owner sees nothing of it.
@Suite("Editing order-update texts in the agent app")
struct MessageTemplateRoutesTests {
    static func stored(_ world: World) async throws -> OrderMessageTexts? {
        try await world.database.withConnection {
            try await MessageTemplateRepository($0).texts(shop: world.shop.id, stage: .shipped)["pl"]
        }
    }

    @Test("save, preview without saving, refuse bad texts, reset; agents and other shops are kept out", arguments: TestDatabase.available)
    func editor(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let add = AddAgent(database: world.database, clock: world.clock)
            let other = try await world.otherShop()
            _ = try await add(shop: world.shop.id, email: "owner@acme.test", name: "Ola", role: .owner, password: "correct horse battery")
            _ = try await add(shop: world.shop.id, email: "agent@acme.test", name: "Ala", role: .agent, password: "correct horse battery")
            _ = try await add(shop: other.id, email: "owner@other.test", name: "Olek", role: .owner, password: "correct horse battery")
            let owner = try await AgentAppTests.session(client, email: "owner@acme.test")
            let headers = SignInTests.form(cookie: owner.cookie)
            let form = "subject=Paczka+%7B%7Bnumber%7D%7D+ju%C5%BC+jedzie&headline=&body=&sms=%7B%7Bshop%7D%7D%3A+paczka+%7B%7Bnumber%7D%7D"

            let (status, page) = try await AgentAppTests.page(client, "/app/settings/messages?stage=shipped", cookie: owner.cookie)
            #expect(status == .ok && page.contains("action=\"/app/settings/messages/shipped/pl\""))
            #expect(page.contains("value=\"Zamówienie {{number}} jest w drodze\""), "the form starts from Parley's text")

            // Without the session's token nothing is saved.
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: headers, body: .init(string: "csrf_token=forged&" + form)
            ) { #expect($0.status == .forbidden) }
            #expect(try await Self.stored(world) == nil)

            // "Preview" shows the typed texts and stores nothing.
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=preview&" + form)
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok && body.contains("Paczka #1001 już jedzie") && body.contains("srcdoc=\""))
            }
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl/preview", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&" + form)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.json["subject"] as? String == "Paczka #1001 już jedzie")
                #expect(response.json["sms"] as? String == "Acme: paczka #1001" && response.json["count"] as? Int == 1)
                #expect((response.json["html"] as? String)?.contains("Paczka #1001 już jedzie") == true)
            }
            #expect(try await Self.stored(world) == nil)

            // A bad text comes back as typed, with the reason in the agent's language; nothing is stored.
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=save&subject=Paczka+%7B%7BorderNumber%7D%7D&sms=")
            ) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .unprocessableContent)
                #expect(body.contains("Subject: unknown placeholder {{orderNumber}}; use {{number}}."))
                #expect(body.contains("value=\"Paczka {{orderNumber}}\"") && body.contains("aria-invalid=\"true\""))
            }
            var polish = headers
            polish[.acceptLanguage] = "pl"
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl/preview", method: .post, headers: polish,
                body: .init(string: "csrf_token=\(owner.csrf)&sms=%7B%7B%23carrier%7D%7D")
            ) { response in
                #expect(response.status == .unprocessableContent && response.json["field"] as? String == "sms")
                #expect(response.json["message"] as? String == "SMS: {{#carrier}} nie jest zamknięty; zakończ go znacznikiem {{/carrier}}.")
            }
            #expect(try await Self.stored(world) == nil)

            // Saved: on the page as the shop's own, and what the preview of the stored texts shows.
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=save&" + form)
            ) { #expect($0.status == .seeOther && $0.headers[.location] == "/app/settings/messages?stage=shipped&saved=pl#lang-pl") }
            #expect(
                try await Self.stored(world)
                    == OrderMessageTexts(subject: "Paczka {{number}} już jedzie", sms: "{{shop}}: paczka {{number}}"))
            let (_, saved) = try await AgentAppTests.page(client, "/app/settings/messages?stage=shipped&saved=pl", cookie: owner.cookie)
            #expect(saved.contains("value=\"Paczka {{number}} już jedzie\"") && saved.contains("Customized"))
            #expect(saved.contains("Saved. Customers receive this text from now on."))
            try await client.execute(
                uri: "/app/settings/messages/preview.html?stage=shipped&locale=pl", method: .get, headers: [.cookie: owner.cookie]
            ) { #expect(String(buffer: $0.body).contains("<title>Paczka #1001 już jedzie</title>")) }

            // Agents may not look or save; another shop's owner sees Parley's text and changes only their own.
            let agent = try await AgentAppTests.session(client, email: "agent@acme.test")
            #expect(try await AgentAppTests.page(client, "/app/settings/messages", cookie: agent.cookie).0 == .forbidden)
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: SignInTests.form(cookie: agent.cookie),
                body: .init(string: "csrf_token=\(agent.csrf)&intent=reset")
            ) { #expect($0.status == .forbidden) }
            let stranger = try await AgentAppTests.session(client, email: "owner@other.test")
            let (_, theirs) = try await AgentAppTests.page(client, "/app/settings/messages?stage=shipped", cookie: stranger.cookie)
            #expect(!theirs.contains("już jedzie") && !theirs.contains("Customized"))
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: SignInTests.form(cookie: stranger.cookie),
                body: .init(string: "csrf_token=\(stranger.csrf)&intent=reset")
            ) { #expect($0.status == .seeOther) }
            #expect(try await Self.stored(world) != nil, "another shop's reset leaves this shop's texts")

            // Reset: Parley's text again.
            try await client.execute(
                uri: "/app/settings/messages/shipped/pl", method: .post, headers: headers,
                body: .init(string: "csrf_token=\(owner.csrf)&intent=reset")
            ) { #expect($0.headers[.location] == "/app/settings/messages?stage=shipped&reset=pl#lang-pl") }
            #expect(try await Self.stored(world) == nil)
            try await client.execute(
                uri: "/app/settings/messages/shipped/xx", method: .post, headers: headers, body: .init(string: "csrf_token=\(owner.csrf)")
            ) { #expect($0.status == .notFound) }
        }
    }
}

import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// `POST /widget/v1/{shop}/events` as a browser sends it from a shop's page, and "Recently viewed"
/// in the agent's customer panel.
@Suite("The widget's browsing history")
struct WidgetEventsTests {
    static let product =
        #"{"type":"product","url":"https://kubki.example/p/k350","id":"SKU-1","name":"Kubek 350 ml","price":"49.00","currency":"PLN"}"#

    @Test(
        "a beacon's text/plain batch is recorded for any origin; without consent, too big or for no shop it is refused",
        arguments: TestDatabase.available)
    func endpoint(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            let uri = "/widget/v1/\(world.shop.slug)/events"
            let token = try await client.execute(
                uri: uri, method: .post, headers: [.contentType: "text/plain;charset=UTF-8"],
                body: ByteBuffer(string: #"{"consent":true,"events":[\#(Self.product),{"type":"scroll"}]}"#)
            ) { response in
                #expect(response.status == .accepted)
                #expect(response.headers[.accessControlAllowOrigin] == "*" && response.headers[.setCookie] == nil)
                #expect(response.json["recorded"] as? Int == 1)
                return try #require(response.json["token"] as? String)
            }
            try await client.execute(
                uri: uri, method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"token":"\#(token)","consent":true,"events":[\#(Self.product)]}"#)
            ) { response in
                #expect(response.status == .accepted && response.json["recorded"] as? Int == 1 && response.json["token"] == nil)
            }
            for body in [#"{"events":[\#(Self.product)]}"#, #"{"consent":false,"events":[\#(Self.product)]}"#] {
                try await client.execute(uri: uri, method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: body)) {
                    #expect($0.status == .unprocessableContent)
                }
            }
            let padding = String(repeating: "x", count: 33 << 10)
            try await client.execute(
                uri: uri, method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(
                    string: #"{"consent":true,"events":[{"type":"page","url":"https://kubki.example/","title":"\#(padding)"}]}"#)
            ) { #expect($0.status == .contentTooLarge) }
            try await client.execute(
                uri: "/widget/v1/nobody/events", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(string: #"{"consent":true,"events":[\#(Self.product)]}"#)
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: uri, method: .post, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "not json")) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test(
        "the agent sees what the visitor viewed before chatting under Recently viewed; a customer without events has no section",
        arguments: TestDatabase.available)
    func recentlyViewed(kind: TestDatabase) async throws {
        try await withApp(kind) { client, world, _ in
            _ = try await AddAgent(database: world.database, clock: world.clock)(
                shop: world.shop.id, email: "ola@acme.test", name: "Ola", role: .agent, password: "correct horse battery")
            let token = try await client.execute(
                uri: "/widget/v1/\(world.shop.slug)/events", method: .post, headers: [.contentType: "text/plain"],
                body: ByteBuffer(
                    string:
                        #"{"consent":true,"events":[{"type":"page","url":"https://kubki.example/o-nas","title":"O nas"},\#(Self.product),"#
                        + #"{"type":"cart","items":[{"id":"SKU-1","name":"Kubek 350 ml","quantity":2,"price":"49.00"}],"total":"98.00","currency":"PLN"}]}"#
                )
            ) { try #require($0.json["token"] as? String) }
            let chat = LiveChat(database: world.database, clock: world.clock, bus: LocalEventBus())
            let session = try await chat.connect(shop: world.shop, token: token, identity: nil, locale: "pl")
            let (sent, _) = try await chat.send(session, clientID: "c-1", text: "Czy jest zielony?", pageURL: nil)
            let conversation = try #require(sent.conversation)

            let agent = try await AgentAppTests.session(client, email: "ola@acme.test")
            let (status, page) = try await AgentAppTests.page(client, "/app/conversations/\(conversation)", cookie: agent.cookie)
            #expect(status == .ok)
            #expect(page.contains("Recently viewed"))
            #expect(page.contains(#"<a href="https://kubki.example/p/k350" target="_blank" rel="noopener noreferrer">Kubek 350 ml</a>"#))
            let spaced = page.replacingOccurrences(of: "\u{00A0}", with: " ")
            #expect(spaced.contains("PLN 49.00") && spaced.contains("PLN 98.00") && page.contains("2 × Kubek 350 ml"), "\(page)")
            #expect(page.contains(">O nas</a>"))

            let quiet = try await chat.connect(shop: world.shop, token: nil, identity: nil, locale: nil)
            let (other, _) = try await chat.send(quiet, clientID: "c-2", text: "Dzień dobry", pageURL: nil)
            let (_, otherPage) = try await AgentAppTests.page(
                client, "/app/conversations/\(try #require(other.conversation))", cookie: agent.cookie)
            #expect(!otherPage.contains("Recently viewed"))
        }
    }
}

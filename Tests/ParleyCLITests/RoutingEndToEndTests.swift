import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// Two shops on one installation: the second cannot take the first's support address in any
/// spelling, nor its SMS number or platform domain, and its own new address routes nothing until
/// someone who reads that mailbox confirms it.
@Suite("Routing identifiers end to end", .serialized, .timeLimit(.minutes(5)))
struct RoutingEndToEndTests {
    @Test(
        "a shop cannot take another's address, number or domain; a new address routes mail only once confirmed from its mailbox",
        arguments: TestDatabase.available)
    func claims(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-routing-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            for (slug, settings) in [
                ("kubki", ["support.email=sklep@kubki.example", "sms.from=+48601234567", "shopify.shop_domain=kubki.myshopify.com"]),
                ("other", ["email.from=Other <sklep@other.example>"]),
            ] {
                #expect(try await CommandLineTests.parley(["shop", "create", slug, "--locale", "pl"] + store).status == 0)
                #expect(try await CommandLineTests.parley(["shop", "set", slug] + settings + store).status == 0)
            }
            let kubkiKey = try await CommandLineTests.apiKey(shop: "kubki", store: store)
            let otherKey = try await CommandLineTests.apiKey(shop: "other", store: store)
            let (server, sink, smtpPort) = try await ParleyServer.startWithMail(store)
            defer { sink.stop() }
            defer { server.stop() }
            let other = [("Authorization", "Bearer \(otherKey)")]

            // The other shop tries kubki's address in other spellings, its number and its Shopify domain.
            for body in [
                #"{"support.email":"SKLEP+orders@Kubki.Example"}"#, #"{"sms.from":"+48601234567"}"#,
                #"{"shopify.shop_domain":"KUBKI.myshopify.com"}"#,
            ] {
                let answer = try await server.call(.PATCH, "/api/v1/shop", headers: other, body: body)
                #expect(answer.status == .conflict, "\(body)")
                #expect((answer.json["detail"] as? String)?.contains("belongs to another shop") == true)
            }
            // Its own address waits for proof; until then, mail to it reaches nobody.
            let claimed = try await server.call(.PATCH, "/api/v1/shop", headers: other, body: #"{"support.email":"pomoc@other.example"}"#)
            #expect(claimed.status == .ok)
            #expect((claimed.json["routing"] as? [[String: String]])?.first?["status"] == "pending")
            let otherInbox = EmailInboundPaths(server: server, key: otherKey, smtpPort: smtpPort)
            let kubkiInbox = EmailInboundPaths(server: server, key: kubkiKey, smtpPort: smtpPort)
            let question = try EmailInboundPaths.fixture("05-en-applemail-attachment.eml")
            #expect(try await otherInbox.smtp(question, from: "jane@example.com", to: "pomoc@other.example") == 0)
            #expect(try await kubkiInbox.smtp(question, from: "jane@example.com", to: "SKLEP+x@kubki.example") == 250)

            // The confirmation goes to the address, in the shop's language; its link confirms only by its button.
            #expect(
                try await eventually {
                    try await EmailToTicketsEndToEndTests.sent(sink).contains { $0["rcpt_tos"] == "pomoc@other.example" }
                })
            let mail = try #require(try await EmailToTicketsEndToEndTests.sent(sink).first { $0["rcpt_tos"] == "pomoc@other.example" })
            #expect(mail["subject"] == "Potwierdź pomoc@other.example jako adres obsługi klienta sklepu other")
            #expect(mail["auto_submitted"] == "auto-generated")
            let link = try #require(
                mail["text"]?.split(whereSeparator: \.isWhitespace).map(String.init).first { $0.hasPrefix("\(server.base)/confirm/other/") }
            )
            let page = try await Self.fetch(link, method: .GET)
            #expect(page.status == .ok && page.html.contains("pomoc@other.example") && page.html.contains("<form method=\"post\">"))
            #expect(
                try await otherInbox.smtp(question, from: "jane@example.com", to: "pomoc@other.example") == 0,
                "opening the link confirms nothing"
            )
            let tampered = try await Self.fetch(String(link.dropLast()) + (link.hasSuffix("A") ? "B" : "A"), method: .POST)
            #expect(tampered.status == .notFound && tampered.html.contains("nie jest") == false)
            let confirmed = try await Self.fetch(link, method: .POST)
            #expect(confirmed.status == .ok && confirmed.html.contains("role=\"status\""))

            #expect(try await otherInbox.smtp(question, from: "jane@example.com", to: "pomoc@other.example") == 250)
            #expect(try await eventually { try await otherInbox.conversations().count == 1 })
            #expect(try await kubkiInbox.conversations().count == 1, "kubki's mail never reached the other shop, nor the other way round")
            let log = try await server.call(.GET, "/api/v1/audit-log", headers: other)
            let actions = (log.json["data"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.prefix(3) == ["routing.verified", "routing.claimed", "setting.changed"])
        }
    }

    static func fetch(_ url: String, method: HTTPMethod) async throws -> (status: HTTPResponseStatus, html: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept-Language", value: "pl-PL,pl;q=0.9")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return (response.status, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }
}

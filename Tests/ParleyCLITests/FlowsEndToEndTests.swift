import Foundation
import NIOHTTP1
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

/// The flows as a shop runs them: a real `parley serve`, signed Shopify webhooks and the API in,
/// a real SMTP server out. A checkout left two hours ago yields one Polish reminder, DKIM-signed
/// with one-click unsubscribe; an order delivered 31 days ago yields the replenishment email in
/// Greek; the unsubscribe address, POSTed bare as a mail client does, ends marketing email.
@Suite("Flows end to end", .serialized, .timeLimit(.minutes(5)))
struct FlowsEndToEndTests {
    typealias E2E = OrderUpdatesEndToEndTests

    struct Mail: Decodable {
        let rcptTos: [String]
        let subject: String
        let text: String
        let html: String
        let dkim: Bool
        let listUnsubscribe: String
        let listUnsubscribePost: String
        enum CodingKeys: String, CodingKey {
            case subject, text, html, dkim
            case rcptTos = "rcpt_tos"
            case listUnsubscribe = "list_unsubscribe"
            case listUnsubscribePost = "list_unsubscribe_post"
        }
    }

    static func mails(_ sink: PythonFixture) async throws -> [Mail] {
        let files = sink.files(withExtension: ".eml")
        guard !files.isEmpty else { return [] }
        let data = try await ChildProcess.python(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mail_json.py").path,
            ["--dkim", "parley._domainkey.kubki.example", E2E.dkimRecord] + files.map(\.path))
        return try JSONDecoder().decode([Mail].self, from: data)
    }

    @Test(
        "an abandoned Shopify checkout and a delivery a month ago reach the SMTP server as a Polish reminder and a Greek replenishment",
        arguments: TestDatabase.available)
    func checkoutAndReplenishment(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-flows-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            let key = try await E2E.setUp(store)
            // This test runs on the real clock at any hour; quiet hours are tested on a test clock.
            #expect(
                try await CommandLineTests.parley(
                    ["shop", "set", "kubki", "pressure.quiet_hours=off", "notify.email_stages=none", "shop.url=https://kubki.example"]
                        + store
                ).status == 0)
            let sink = try await PythonFixture(script: E2E.smtpSink, arguments: [])
            defer { sink.stop() }
            let server = try await ParleyServer.start(store, environment: ["PARLEY_SMTP_URL": "smtp://127.0.0.1:\(sink.port)"])
            defer { server.stop() }
            let auth = [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")]
            for body in [#"{"enabled":true,"wait":"10m"}"#, #"{"enabled":true,"intervals":{"KAWA-1KG":30}}"#] {
                let recipe = body.contains("intervals") ? "replenishment" : "abandoned_cart"
                #expect(try await server.call(.PATCH, "/api/v1/flows/\(recipe)", headers: auth, body: body).status == .ok)
            }

            // Zofia's checkout, begun two hours ago and left: past the wait, so the reminder goes at once.
            let began = Date.now - 2 * 3600
            let checkout = try String(
                contentsOf: E2E.fixtures.appendingPathComponent("ParleyWebTests/Fixtures/shopify/checkouts-create.json"), encoding: .utf8
            )
            .replacingOccurrences(of: "2026-11-20T09:58:12+01:00", with: began.formatted(.iso8601))
            .replacingOccurrences(of: "2026-11-20T10:02:44+01:00", with: (began + 60).formatted(.iso8601))
            #expect(try await E2E.deliver(server, topic: "checkouts/create", body: checkout, id: "c1").status == .ok)

            // Eleni's coffee, delivered 31 days ago: replenishment is a day overdue.
            let customer = try await server.call(
                .POST, "/api/v1/customers", headers: auth,
                body:
                    #"{"email":"eleni@example.gr","name":"Ελένη Παπαδοπούλου","locale":"el","consents":[{"channel":"email","status":"granted","source":"checkout"}]}"#
            )
            #expect(customer.status == .created)
            let placed = (Date.now - 31 * 86400).formatted(.iso8601)
            let order = try await server.call(
                .POST, "/api/v1/orders", headers: auth,
                body:
                    ##"{"external_id":"w:7","number":"#7","stage":"delivered","placed_at":"\##(placed)","currency":"EUR","total":"24.00","customer":{"email":"eleni@example.gr"},"items":[{"sku":"KAWA-1KG","name":"Καφές 1 kg","quantity":1,"unit_price":"24.00"}]}"##
            )
            #expect(order.status == .created)

            #expect(try await eventually(within: .seconds(60)) { try await Self.mails(sink).count == 2 })
            let mails = try await Self.mails(sink)
            let reminder = try #require(mails.first { $0.rcptTos == ["zofia@example.pl"] })
            #expect(reminder.subject == "Kubki: Twój koszyk czeka" && reminder.text.contains("Dzień dobry Zofia"))
            #expect(reminder.dkim && reminder.listUnsubscribePost == "List-Unsubscribe=One-Click")
            let replenishment = try #require(mails.first { $0.rcptTos == ["eleni@example.gr"] })
            #expect(replenishment.text.contains("Καφές 1 kg") && replenishment.text.contains("https://kubki.example"))
            #expect(replenishment.dkim)

            // Its HTML part links to the shop through a signed redirect and carries a pixel. Apple's
            // privacy proxy fetches the pixel: an open by a machine, not a reader.
            let pixel = try #require(replenishment.html.firstMatch(of: #/<img src="([^"]+/e/o/[^"]+)"/#)?.output.1)
            let opened = try await server.fetch(String(pixel), userAgent: "Mozilla/5.0")
            #expect(opened.status == .ok && opened.contentType == "image/gif")
            let link = try #require(replenishment.html.firstMatch(of: #/<a href="([^"]+/e/c/[^"]+)"/#)?.output.1)
            let tracked = String(link).replacingOccurrences(of: "&amp;", with: "&")
            let browser = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
            let followed = try await server.fetch(tracked, userAgent: browser)
            #expect(followed.status == .found && followed.location == "https://kubki.example")
            // The same signature with another target goes nowhere.
            let forged = tracked.replacingOccurrences(of: "kubki.example", with: "evil.example")
            #expect(try await server.fetch(forged, userAgent: browser).status == .notFound)
            let results = try await server.call(.GET, "/api/v1/flows", headers: auth).json["data"] as? [[String: Any]]
            let restock = results?.first { $0["recipe"] as? String == "replenishment" }?["results"] as? [String: Any]
            #expect(restock?["opened_by_machine"] as? Int == 1)

            // Zofia's mail client unsubscribes her with a bare POST to the address in the header.
            let address = try #require(URL(string: String(reminder.listUnsubscribe.dropFirst().prefix { $0 != ">" })))
            let unsubscribe = try await server.call(
                .POST, address.path, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "List-Unsubscribe=One-Click")
            #expect(unsubscribe.status == .ok)
            let flows = try await server.call(.GET, "/api/v1/flows", headers: auth).json["data"] as? [[String: Any]]
            let cart = flows?.first { $0["recipe"] as? String == "abandoned_cart" }?["runs"] as? [String: Int]
            #expect(cart == ["sent": 1])
            let customers = try await server.call(.GET, "/api/v1/customers?limit=10", headers: auth).json["data"] as? [[String: Any]]
            let zofia = customers?.first { ($0["name"] as? String)?.hasPrefix("Zofia") == true }
            let consents = zofia?["consents"] as? [[String: Any]]
            #expect(consents?.contains { $0["channel"] as? String == "email" && $0["status"] as? String == "revoked" } == true)
        }
    }
}

import Crypto
import Foundation
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// A customer's data on request, as a shop would handle it: Zofia bought through Shopify, wrote by
/// email with a photo, got an answer and gave consent; her export opens as an ordinary ZIP with all
/// of it, and after erasure no table of either database holds her name, address, phone or words.
@Suite("A customer's data, exported and erased", .serialized, .timeLimit(.minutes(5)))
struct CustomerDataEndToEndTests {
    static let photo = Array("JPEG-PHOTO-OF-THE-CRACKED-MUG-\(String(repeating: "x", count: 2000))".utf8)

    static func question() -> [UInt8] {
        let mail = """
            From: Zofia Nowak <zofia.nowak@example.pl>
            To: sklep@kubki.example
            Subject: =?UTF-8?Q?P=C4=99kni=C4=99ty_kubek?=
            Date: Sat, 21 Nov 2026 10:00:00 +0100
            Message-ID: <zofia-1@example.pl>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: 8bit

            Kubek przyszedł pęknięty w środku, proszę o wymianę.
            Mój telefon: +48 601 234 567

            --b1
            Content-Type: image/jpeg; name="zdjęcie.jpg"
            Content-Disposition: attachment; filename="zdjecie.jpg"
            Content-Transfer-Encoding: base64

            \(Data(photo).base64EncodedString(options: .lineLength76Characters))
            --b1--

            """
        return Array(mail.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }

    @Test("the export holds everything as a readable ZIP; erasure leaves no personal data in any table", arguments: TestDatabase.available)
    func exportThenErase(kind: TestDatabase) async throws {
        try await kind.withFresh { database, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-gdpr-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            let key = try await OrderUpdatesEndToEndTests.setUp(store)
            #expect(try await CommandLineTests.parley(["shop", "set", "kubki", "support.email=sklep@kubki.example"] + store).status == 0)
            let auth = [("Authorization", "Bearer \(key)")]
            let (server, sink, smtpPort) = try await ParleyServer.startWithMail(store)
            defer { sink.stop() }
            defer { server.stop() }

            // Zofia's story: an order with tracking, an email with a photo, an answer, a consent.
            let order = try #require(
                try await OrderUpdatesEndToEndTests.deliver(server, topic: "orders/create", fixture: "orders-create", id: "a1").order)
            #expect(
                try await OrderUpdatesEndToEndTests.deliver(server, topic: "fulfillments/create", fixture: "fulfillments-create", id: "c3")
                    .status == .ok)
            let inbox = EmailInboundPaths(server: server, key: key, smtpPort: smtpPort)
            #expect(try await inbox.smtp(Self.question(), from: "zofia.nowak@example.pl", to: "sklep@kubki.example") == 250)
            #expect(try await eventually { try await inbox.conversations().count == 1 })
            let conversation = try #require(try await inbox.conversations().first?["id"] as? String)
            let reply = try await server.call(
                .POST, "/api/v1/conversations/\(conversation)/replies", headers: auth,
                body: #"{"text":"Przepraszamy, Pani Zofio! Nowy kubek wyślemy jutro."}"#)
            #expect(reply.status == .created)
            #expect(try await eventually { try await EmailToTicketsEndToEndTests.sent(sink).count >= 3 })
            let details = try await server.call(.GET, "/api/v1/orders/\(order)", headers: auth)
            let customer = try #require(details.json["customer"] as? String)
            let consent = try await server.call(
                .POST, "/api/v1/customers/\(customer)/consents", headers: auth,
                body: #"{"channel":"email","status":"granted","source":"newsletter form on kubki.example"}"#)
            #expect(consent.status == .ok)

            // The export, read by Python's zipfile.
            let zip = try await inbox.download("/api/v1/customers/\(customer)/export")
            #expect(zip.headers["Content-Type"].first == "application/zip")
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(customer)-\(UUID().uuidString).zip")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(zip.body).write(to: file)
            let opened =
                try JSONSerialization.jsonObject(
                    with: try await ChildProcess.python(EmailInboundPaths.fixtures.appendingPathComponent("zip_json.py").path, [file.path]))
                as? [String: Any]
            let names = try #require(opened?["names"] as? [String])
            #expect(names.prefix(2) == ["README.txt", "customer.json"])
            let document = try #require(opened?["customer"] as? [String: Any])
            let profile = try #require(document["customer"] as? [String: Any])
            #expect(profile["name"] as? String == "Zofia Nowak")
            #expect(
                (profile["identities"] as? [[String: String]])?.map { $0["value"] ?? "" }
                    == ["zofia.nowak@example.pl", "+48601234567", "shopify:115310627314723954"])
            #expect((profile["consents"] as? [[String: Any]])?.first?["source"] as? String == "newsletter form on kubki.example")
            let orders = try #require(document["orders"] as? [[String: Any]])
            #expect(
                orders.first?["number"] as? String == "#9999" && orders.first?["tracking_number"] as? String == "620000000000123456789012")
            let messages = try #require((document["conversations"] as? [[String: Any]])?.first?["messages"] as? [[String: Any]])
            #expect(messages.compactMap { $0["kind"] as? String } == ["incoming", "auto_reply", "reply"])
            #expect((messages.first?["text"] as? String)?.contains("przyszedł pęknięty") == true)
            let photo = try #require((messages.first?["attachments"] as? [[String: String]])?.first?["file"])
            let files = try #require(opened?["files"] as? [String: [String: Any]])
            #expect(files[photo]?["sha256"] as? String == SHA256.hash(data: Self.photo).map { String(format: "%02x", $0) }.joined())
            let original = try #require(messages.first?["original"] as? String)
            #expect(files[original]?["size"] as? Int ?? 0 > Self.question().count, "the original as received, with its Received line")
            #expect((document["messages_sent"] as? [[String: Any]])?.count ?? 0 >= 2)
            #expect((document["timeline"] as? [[String: Any]])?.isEmpty == false)

            // The search below finds her before erasure, so finding nothing after it means something.
            let needles = [
                "Zofia", "Nowak", "zofia.nowak@example.pl", "601234567", "601 234 567", "przyszedł pęknięty", "Przepraszamy",
                "620000000000123456789012", "JPEG-PHOTO-OF-THE-CRACKED-MUG",
            ]
            let before = try await DatabaseSearch.occurrences(of: needles, in: database)
            for table in [
                "customers.name", "customer_identities.value", "inbound_mail.raw", "conversation_messages.clean_text", "messages.body_text",
            ] {
                #expect(before.contains { $0.hasPrefix(table) }, "\(table) before erasure")
            }

            // Erasure: accepted at once, done by the workers.
            let erase = try await server.call(.DELETE, "/api/v1/customers/\(customer)", headers: auth)
            #expect(erase.status == .accepted)
            #expect(
                try await eventually {
                    try await server.call(.GET, "/api/v1/customers/\(customer)", headers: auth).json["erased_at"] is String
                })
            let after = try await server.call(.GET, "/api/v1/customers/\(customer)", headers: auth).json
            #expect(after["name"] == nil && (after["identities"] as? [Any])?.isEmpty == true)
            let figures = try await server.call(.GET, "/api/v1/orders/\(order)", headers: auth).json
            #expect(figures["number"] as? String == "#9999" && figures["total_minor"] as? Int == 24_999, "the order's figures stay")
            let log = try await server.call(.GET, "/api/v1/audit-log", headers: auth)
            let actions = (log.json["data"] as? [[String: Any]])?.compactMap { $0["action"] as? String } ?? []
            #expect(actions.prefix(3) == ["customer.erased", "customer.erasure_requested", "customer.exported"])
            server.stop()

            #expect(try await DatabaseSearch.occurrences(of: needles, in: database) == [], "personal data left after erasure")
        }
    }
}

import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// Issue 3 as a shop would see it: Shopify webhooks into `parley serve`, messages out to a real SMTP
/// server (aiosmtpd) and an SMS endpoint on loopback.
@Suite("Order updates end to end", .serialized, .timeLimit(.minutes(10)))
struct OrderUpdatesEndToEndTests {
    static let secret = "shpss_9c1e0f6b2d4a8e7f3b5c"
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let smtpSink = fixtures.appendingPathComponent("ParleyChannelsTests/Fixtures/smtp_sink.py").path

    /// A mail the sink took, as Python's `email` package read it.
    struct ReceivedMail: Decodable {
        let mailFrom: String
        let rcptTos: [String]
        let subject: String
        let messageID: String
        let text: String
        /// Whether dkimpy verified the signature against `dkimRecord`.
        let dkim: Bool
        enum CodingKeys: String, CodingKey {
            case subject, text, dkim
            case mailFrom = "mail_from"
            case rcptTos = "rcpt_tos"
            case messageID = "message_id"
        }
    }

    static let dkimKey = fixtures.appendingPathComponent("ParleyMailTests/Fixtures/dkim-ed25519.pem")
    /// The key's public half as the shop publishes it at parley._domainkey.kubki.example, taken with
    /// `openssl pkey -in dkim-ed25519.pem -pubout -outform DER | tail -c 32 | base64`.
    static let dkimRecord = "v=DKIM1; k=ed25519; p=hWFCCFx37dyb0plaSLFi2E2SR8vDhuRaYkJQsFW2LYQ="
    static let smsFake = fixtures.appendingPathComponent("ParleyChannelsTests/Fixtures/sms_provider_fake.py").path
    static let smsSecret = "sms-webhook-secret-1"

    /// The texts the SMS webhook endpoint received, as the JSON Parley posted.
    static func texts(_ fake: PythonFixture) throws -> [[String: String]] {
        let log = (try? String(contentsOf: fake.directory.appendingPathComponent("requests.jsonl"), encoding: .utf8)) ?? ""
        return try log.split(separator: "\n").compactMap { line in
            let request = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            guard request?["path"] as? String == "/webhook", let body = request?["body"] as? String else { return nil }
            return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
        }
    }

    /// Posts a callback from the SMS webhook provider, signed with `secret`.
    static func smsCallback(_ server: ParleyServer, _ body: String, secret: String) async throws -> HTTPResponseStatus {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let signature = "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
        return try await server.call(.POST, "/hooks/sms/webhook/kubki", headers: [("X-Parley-Signature", signature)], body: body).status
    }

    static func mails(_ sink: PythonFixture) async throws -> [ReceivedMail] {
        let files = sink.files(withExtension: ".eml")
        guard !files.isEmpty else { return [] }
        let data = try await ChildProcess.python(
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/mail_json.py").path,
            ["--dkim", "parley._domainkey.kubki.example", dkimRecord] + files.map(\.path))
        return try JSONDecoder().decode([ReceivedMail].self, from: data)
    }

    static func setUp(_ store: [String]) async throws -> String {
        #expect(try await CommandLineTests.parley(["shop", "create", "kubki", "--name", "Kubki"] + store).status == 0)
        #expect(
            try await CommandLineTests.parley(
                [
                    "shop", "set", "kubki", "shopify.webhook_secret=\(secret)", "email.from=Kubki <sklep@kubki.example>",
                    "dkim.domain=kubki.example", "dkim.selector=parley",
                    "dkim.private_key=\(try String(contentsOf: dkimKey, encoding: .utf8))",
                ] + store
            ).status == 0)
        // The owner learns the DNS record to publish; it must be the key's public half as OpenSSL sees it.
        let shown = try await CommandLineTests.parley(["shop", "show", "kubki"] + store).output
        #expect(shown.contains("Publish for DKIM: parley._domainkey.kubki.example TXT \"\(dkimRecord)\""))
        return try await CommandLineTests.apiKey(shop: "kubki", store: store)
    }

    /// Delivers a Shopify fixture signed with `secret`; returns the HTTP status.
    static func deliver(
        _ server: ParleyServer, topic: String, fixture: String, id: String, secret: String = OrderUpdatesEndToEndTests.secret
    ) async throws -> (status: HTTPResponseStatus, order: String?) {
        let body = try String(
            contentsOf: fixtures.appendingPathComponent("ParleyWebTests/Fixtures/shopify/\(fixture).json"), encoding: .utf8)
        return try await deliver(server, topic: topic, body: body, id: id, secret: secret)
    }

    /// Delivers `body` as Shopify would, signed with `secret`.
    static func deliver(
        _ server: ParleyServer, topic: String, body: String, id: String, secret: String = OrderUpdatesEndToEndTests.secret
    ) async throws -> (status: HTTPResponseStatus, order: String?) {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
        let answer = try await server.call(
            .POST, "/hooks/shopify/kubki",
            headers: [
                ("X-Shopify-Topic", topic), ("X-Shopify-Hmac-Sha256", Data(mac).base64EncodedString()), ("X-Shopify-Webhook-Id", id),
                ("X-Shopify-Shop-Domain", "kubki.myshopify.com"),
            ],
            body: body)
        return (answer.status, answer.json["order"] as? String)
    }

    @Test(
        "signed Shopify webhooks through every stage give exactly the expected Polish emails and texts; replays, late and forged ones none",
        arguments: TestDatabase.available)
    func shopifyToSMTP(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-e2e-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            let key = try await Self.setUp(store)
            // A relay as shops have them: STARTTLS with a certificate from a CA made for the run, and a login.
            let sink = try await PythonFixture(script: Self.smtpSink, arguments: ["--starttls", "--auth", "kubki:s3cret pass"])
            defer { sink.stop() }
            let smtpURL = "smtp://kubki:s3cret%20pass@127.0.0.1:\(sink.port)?ca=\(sink.directory.appendingPathComponent("ca.pem").path)"
            let sms = try await PythonFixture(script: Self.smsFake, arguments: [Self.smsSecret])
            defer { sms.stop() }
            #expect(
                try await CommandLineTests.parley(
                    [
                        "shop", "set", "kubki", "sms.provider=webhook", "sms.url=http://127.0.0.1:\(sms.port)/webhook",
                        // Texts about orders wait out the night in the customer's zone; this test runs on
                        // the real clock at any hour (the quiet hours are tested on a test clock).
                        "sms.secret=\(Self.smsSecret)", "sms.from=Kubki", "pressure.quiet_hours=off",
                    ] + store
                ).status == 0)
            let server = try await ParleyServer.start(store, environment: ["PARLEY_SMTP_URL": smtpURL])
            defer { server.stop() }

            let order = try #require(
                try await Self.deliver(server, topic: "orders/create", fixture: "orders-create", id: "a1").order)
            #expect(try await Self.deliver(server, topic: "orders/create", fixture: "orders-create", id: "a1").status == .ok)
            #expect(try await eventually { try await Self.mails(sink).count == 1 })
            // From now on Zofia wants both email and SMS.
            let preference = try await server.call(
                .POST, "/api/v1/customers", headers: [("Authorization", "Bearer \(key)")],
                body: #"{"identities":[{"kind":"email","value":"zofia.nowak@example.pl"}],"preferred_channel":"both"}"#)
            #expect(preference.status == .ok)
            #expect(try await Self.deliver(server, topic: "fulfillments/create", fixture: "fulfillments-create", id: "c3").status == .ok)
            #expect(try await eventually { try await Self.mails(sink).count == 2 })
            // Paid arrives after the parcel left: history only, no message.
            #expect(try await Self.deliver(server, topic: "orders/paid", fixture: "orders-paid", id: "b2").status == .ok)
            #expect(try await Self.deliver(server, topic: "fulfillments/create", fixture: "fulfillments-create", id: "c3").status == .ok)
            #expect(
                try await Self.deliver(server, topic: "orders/cancelled", fixture: "orders-create", id: "f6", secret: "forged-secret")
                    .status
                    == .unauthorized)
            #expect(
                try await Self.deliver(server, topic: "fulfillments/update", fixture: "fulfillments-update-delivered", id: "d4").status
                    == .ok)
            #expect(try await eventually { try await Self.mails(sink).count >= 3 })
            // Anything queued by mistake would go out within the next poll intervals.
            try await Task.sleep(for: .seconds(2))

            let mails = try await Self.mails(sink)
            #expect(
                mails.map(\.subject) == [
                    "Przyjęliśmy Twoje zamówienie #9999", "Zamówienie #9999 jest w drodze", "Zamówienie #9999 zostało dostarczone",
                ])
            #expect(mails.allSatisfy { $0.rcptTos == ["zofia.nowak@example.pl"] && $0.mailFrom == "sklep@kubki.example" })
            #expect(Set(mails.map(\.messageID)).count == 3)
            #expect(mails.allSatisfy { $0.dkim })
            #expect(mails[1].text.contains("Dzień dobry Zofia"))
            // The signed link in the email opens the tracking page, in Polish, with every stage so far.
            let link = try #require(
                mails[2].text.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("\(server.base)/t/kubki/") }
                    .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "()<>.,")) })
            let page = try await HTTPClient.shared.execute(HTTPClientRequest(url: link), timeout: .seconds(30))
            let html = String(buffer: try await page.body.collect(upTo: 1 << 20))
            #expect(page.status == .ok)
            #expect(["Zamówienie przyjęte", "Przekazane kurierowi", "Dostarczone", "InPost"].allSatisfy { html.contains($0) })
            let forged = try await HTTPClient.shared.execute(
                HTTPClientRequest(url: link.dropLast() + (link.hasSuffix("a") ? "b" : "a")), timeout: .seconds(30))
            #expect(forged.status == .notFound)

            #expect(try await eventually { try Self.texts(sms).count >= 2 })
            let texts = try Self.texts(sms)
            #expect(texts.map { $0["to"] } == ["+48601234567", "+48601234567"])
            #expect(texts.allSatisfy { $0["from"] == "Kubki" })
            #expect(texts.first?["body"]?.hasPrefix("Kubki: zamówienie #9999") == true)

            let details = try await server.call(.GET, "/api/v1/orders/\(order)", headers: [("Authorization", "Bearer \(key)")])
            let messages = try #require(details.json["messages"] as? [[String: Any]])
            #expect(
                messages.map { "\($0["topic"] as? String ?? "") \($0["channel"] as? String ?? "")" } == [
                    "order.accepted email", "order.shipped email", "order.shipped sms", "order.delivered email", "order.delivered sms",
                ])
            #expect(messages.allSatisfy { $0["status"] as? String == "sent" && $0["locale"] as? String == "pl" })

            // The gateway reports the last text delivered, signed; a forged report changes nothing.
            let reference = try #require(texts.last?["reference"])
            let report = #"{"type":"delivery","reference":"\#(reference)","id":"gw-1","status":"delivered"}"#
            #expect(try await Self.smsCallback(server, report, secret: "not-the-secret") == .unauthorized)
            #expect(try await Self.smsCallback(server, report, secret: Self.smsSecret) == .ok)
            let delivered = try await server.call(.GET, "/api/v1/messages/\(reference)", headers: [("Authorization", "Bearer \(key)")])
            #expect(delivered.json["status"] as? String == "delivered")
            #expect((delivered.json["events"] as? [[String: Any]])?.map { $0["status"] as? String } == ["queued", "sent", "delivered"])
            // Zofia answers STOP: no more texts, email still goes.
            let stop = #"{"type":"inbound","from":"+48601234567","to":"Kubki","body":"STOP","id":"gw-2"}"#
            #expect(try await Self.smsCallback(server, stop, secret: Self.smsSecret) == .ok)
            let customer = try await server.call(
                .GET, "/api/v1/customers/\(details.json["customer"] as? String ?? "")", headers: [("Authorization", "Bearer \(key)")])
            let consents = customer.json["consents"] as? [[String: Any]] ?? []
            #expect(consents.contains { $0["channel"] as? String == "sms" && $0["status"] as? String == "revoked" })

            // Staff check the Greek version in their own inbox before Greek customers see it.
            let test = try await server.call(
                .POST, "/api/v1/orders/\(order)/messages/test", headers: [("Authorization", "Bearer \(key)")],
                body: #"{"channel":"email","to":"Owner <owner@kubki.example>","locale":"el"}"#)
            #expect(test.status == .accepted)
            let testID = try #require(test.json["id"] as? String)
            #expect(try await eventually { try await Self.mails(sink).count == 4 })
            let greek = try #require(try await Self.mails(sink).last)
            #expect(greek.subject == "Η παραγγελία #9999 παραδόθηκε" && greek.rcptTos == ["owner@kubki.example"])
            #expect(
                try await eventually {
                    try await server.call(.GET, "/api/v1/messages/\(testID)", headers: [("Authorization", "Bearer \(key)")])
                        .json["status"] as? String == "sent"
                })
            let bad = try await server.call(
                .POST, "/api/v1/orders/\(order)/messages/test", headers: [("Authorization", "Bearer \(key)")],
                body: #"{"channel":"sms","to":"call me"}"#)
            #expect(bad.status == .unprocessableEntity && (bad.json["detail"] as? String)?.contains("phone") == true)

            // A mailbox the server refuses fails at once, visibly; a greylisted one waits for its retry.
            for (number, email) in [("N1", "nobody@example.pl"), ("L1", "later@example.pl")] {
                let created = try await server.call(
                    .POST, "/api/v1/orders", headers: [("Authorization", "Bearer \(key)")],
                    body:
                        ##"{"external_id":"\##(number)","number":"#\##(number)","currency":"PLN","total":"1.00","customer":{"email":"\##(email)"}}"##
                )
                let id = try #require(created.json["id"] as? String)
                var message: [String: Any] = [:]
                #expect(
                    try await eventually {
                        let order = try await server.call(.GET, "/api/v1/orders/\(id)", headers: [("Authorization", "Bearer \(key)")])
                        message = (order.json["messages"] as? [[String: Any]])?.first ?? [:]
                        return (message["attempts"] as? Int ?? 0) >= 1
                    })
                let error = message["error"] as? String ?? ""
                if email.hasPrefix("nobody") {
                    #expect(message["status"] as? String == "failed" && error.contains("550"))
                } else {
                    #expect(message["status"] as? String == "queued" && error.contains("451"))
                }
            }
            #expect(try await Self.mails(sink).count == 4)
        }
    }
}

@Suite("Sending survives SIGKILL", .serialized, .timeLimit(.minutes(10)))
struct SendingSurvivesSIGKILLTests {
    static let stallProxy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stall_proxy.py")
        .path

    @Test(
        "a server killed while an email is on the wire loses no message and repeats none after restart", arguments: TestDatabase.available)
    func killMidSend(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-kill-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            let key = try await OrderUpdatesEndToEndTests.setUp(store)
            let sink = try await PythonFixture(script: OrderUpdatesEndToEndTests.smtpSink)
            defer { sink.stop() }
            let proxy = try await PythonFixture(script: Self.stallProxy, arguments: [String(sink.port), "stall@example.pl"])
            defer { proxy.stop() }
            // One worker, so the frozen conversation is the only send in flight; a short lease, so the
            // restarted server takes the dead one's job over quickly.
            let arguments = store + ["--smtp-url", "smtp://127.0.0.1:\(proxy.port)", "--workers", "1", "--job-lease", "2"]
            let port = FreePort.pick()
            let first = try await ParleyServer.start(arguments, port: port)
            defer { first.stop() }

            let recipients = ["ala@example.pl", "bartek@example.pl", "stall@example.pl", "celina@example.pl", "darek@example.pl"]
            for (index, email) in recipients.enumerated() {
                let order = """
                    {"external_id":"k\(index)","number":"#K\(index)","currency":"PLN","total":"10.00",
                     "customer":{"email":"\(email)","locale":"pl-PL"}}
                    """
                let created = try await first.call(.POST, "/api/v1/orders", headers: [("Authorization", "Bearer \(key)")], body: order)
                #expect(created.status == .created)
            }
            #expect(await eventually { FileManager.default.fileExists(atPath: proxy.directory.appendingPathComponent("stalled").path) })
            first.kill()
            let beforeRestart = try await OrderUpdatesEndToEndTests.mails(sink).count
            #expect(beforeRestart < recipients.count)

            let second = try await ParleyServer.start(arguments, port: port)
            defer { second.stop() }
            #expect(try await eventually { try await OrderUpdatesEndToEndTests.mails(sink).count >= recipients.count })
            try await Task.sleep(for: .seconds(3))
            let mails = try await OrderUpdatesEndToEndTests.mails(sink)
            #expect(mails.flatMap(\.rcptTos).sorted() == recipients.sorted())
            #expect(Set(mails.map(\.messageID)).count == recipients.count)
        }
    }
}

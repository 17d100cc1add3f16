import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyChannels
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// Outgoing webhooks against a real receiver on loopback (`Fixtures/webhook_receiver.py`), which
/// checks every signature with the `standardwebhooks` package rather than Parley's own code.
@Suite("Outgoing webhooks", .timeLimit(.minutes(3)))
struct WebhookTests {
    static let receiverScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/webhook_receiver.py").path
    static let loopback = NetworkAddressPolicy(allowed: [IPNetwork(parsing: "127.0.0.0/8")!])

    struct Received: Decodable {
        let path: String
        let headers: [String: String]
        let body: String
        let verified: [Bool]

        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:] }
        var type: String? { json["type"] as? String }
        var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
    }

    static func received(_ receiver: PythonFixture) throws -> [Received] {
        let log = receiver.directory.appendingPathComponent("requests.jsonl")
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    static func write(_ text: String, to name: String, of receiver: PythonFixture) throws {
        try text.write(to: receiver.directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    /// Runs every due delivery once, as a worker would, through the real HTTP sender; the receiver
    /// checks timestamps against the test's clock.
    @discardableResult
    static func deliver(_ world: World, to receiver: PythonFixture, policy: NetworkAddressPolicy = loopback) async throws -> Int {
        try write(String(world.clock.now().timeIntervalSince1970), to: "now", of: receiver)
        let handler = DeliverWebhook(database: world.database, clock: world.clock, sender: HTTPWebhookSender(policy: policy))
        let queue = JobQueue(database: world.database)
        var count = 0
        while let job = try await queue.claim(workerID: "test", kinds: [DeliverWebhook.kind], now: world.clock.now(), lease: .seconds(60)) {
            try await handler.perform(job)
            // At least once: a job run twice sends nothing the second time.
            try await handler.perform(job)
            _ = try await queue.complete(job, now: world.clock.now())
            count += 1
        }
        return count
    }

    static func subscribe(
        _ client: some TestClientProtocol, key: String, url: String, events: [String]
    ) async throws -> (id: String, secret: String) {
        let body = try JSONSerialization.data(withJSONObject: ["url": url, "events": events, "description": "CRM"])
        return try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: .bearer(key), body: ByteBuffer(bytes: body)) {
            response in
            #expect(response.status == .created, "\(String(buffer: response.body))")
            let json = response.json
            return (json["id"] as? String ?? "", json["secret"] as? String ?? "")
        }
    }

    /// A receiver, and an app whose shop has subscribed it at `path` to `events`; the receiver knows the secret.
    static func withSubscribedReceiver(
        _ kind: TestDatabase, path: String, events: [String],
        test: @Sendable @escaping (any TestClientProtocol, World, String, PythonFixture, String) async throws -> Void
    ) async throws {
        let receiver = try await PythonFixture(script: receiverScript)
        defer { receiver.stop() }
        try await withApp(kind, webhookPolicy: loopback) { client, world, key in
            let (id, secret) = try await subscribe(client, key: key, url: "http://127.0.0.1:\(receiver.port)\(path)", events: events)
            #expect(id.hasPrefix("whk_") && secret.hasPrefix("whsec_"))
            try write(secret, to: "secrets", of: receiver)
            try await test(client, world, key, receiver, id)
        }
    }

    @Test(
        "a webhook for message.created receives each new email, acknowledgement, note and reply, once, signed so that the standardwebhooks package verifies it",
        arguments: TestDatabase.available)
    func messages(kind: TestDatabase) async throws {
        try await Self.withSubscribedReceiver(kind, path: "/hooks/parley", events: ["message.created"]) {
            client, world, key, receiver, id in

            try await client.execute(
                uri: "/api/v1/inbound/email", method: .post, headers: InboxAPITests.headers(key),
                body: InboxAPITests.email(from: "anna@example.pl", subject: "Gdzie jest paczka?")
            ) { #expect($0.status == .accepted) }
            try await InboxAPITests.file(world)
            let conversation = try await client.execute(uri: "/api/v1/conversations", method: .get, headers: .bearer(key)) { response in
                ((response.json["data"] as? [[String: Any]])?.first?["id"] as? String) ?? ""
            }
            try await client.execute(
                uri: "/api/v1/conversations/\(conversation)/notes", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"text": "Checking with the courier"}"#)
            ) { #expect($0.status == .created) }
            try await client.execute(
                uri: "/api/v1/conversations/\(conversation)/replies", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"text": "Paczka jest w drodze."}"#)
            ) { #expect($0.status == .created) }
            // The email, Parley's acknowledgement of it, a note and a reply.
            #expect(try await Self.deliver(world, to: receiver) == 4)

            let received = try Self.received(receiver)
            #expect(received.count == 4)
            #expect(received.map(\.path) == Array(repeating: "/hooks/parley", count: 4))
            #expect(received.allSatisfy { $0.verified == [true] && $0.type == "message.created" })
            #expect(Set(received.map { $0.headers["webhook-id"] ?? "" }).count == 4)
            #expect(received.allSatisfy { $0.headers["webhook-id"] == $0.json["id"] as? String })
            let messages = received.map { $0.data["message"] as? [String: Any] ?? [:] }
            #expect(messages.map { $0["kind"] as? String } == ["incoming", "auto_reply", "note", "reply"])
            #expect(messages.map { $0["internal"] as? Bool } == [false, false, true, false])
            #expect((messages[0]["text"] as? String)?.contains("We received your message.") == true)
            let about = received[0].data["conversation"] as? [String: Any] ?? [:]
            #expect(about["id"] as? String == conversation)
            #expect((about["customer"] as? [String: Any])?["email"] as? String == "anna@example.pl")

            try await client.execute(uri: "/api/v1/webhooks/\(id)/deliveries", method: .get, headers: .bearer(key)) { response in
                let log = response.json["data"] as? [[String: Any]] ?? []
                #expect(log.count == 4)
                #expect(log.allSatisfy { $0["status"] as? String == "delivered" })
                let attempts = log.first?["attempts"] as? [[String: Any]] ?? []
                #expect(attempts.count == 1 && attempts.first?["status_code"] as? Int == 200)
            }
            // Nothing is left to send, and the secret is never shown again.
            #expect(try await Self.deliver(world, to: receiver) == 0)
            try await client.execute(uri: "/api/v1/webhooks/\(id)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["secret"] == nil || response.json["secret"] is NSNull)
                #expect(response.json["events"] as? [String] == ["message.created"])
            }
        }
    }

    @Test(
        "a receiver that keeps failing is tried eight times over a day, then the webhook is disabled with the reason; enabled again, it gets new events",
        arguments: TestDatabase.available)
    func retries(kind: TestDatabase) async throws {
        try await Self.withSubscribedReceiver(kind, path: "/crm", events: ["customer.created"]) { client, world, key, receiver, id in
            try Self.write("503", to: "status", of: receiver)
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"identities": [{"kind": "email", "value": "jan@example.pl"}], "name": "Jan"}"#)
            ) { #expect($0.status == .created || $0.status == .ok) }
            let start = world.clock.now()
            var attempts = 0
            for _ in 0..<12 {
                attempts += try await Self.deliver(world, to: receiver)
                world.clock.advance(by: 11 * 3600)
            }
            #expect(attempts == 8)
            #expect(try Self.received(receiver).count == 8)
            #expect(world.clock.now().timeIntervalSince(start) > 24 * 3600)
            try await client.execute(uri: "/api/v1/webhooks/\(id)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["enabled"] as? Bool == false)
                let reason = response.json["disabled_reason"] as? String ?? ""
                #expect(reason.contains("failed for a day") && reason.contains("503"), "\(reason)")
            }
            try await client.execute(uri: "/api/v1/webhooks/\(id)/deliveries", method: .get, headers: .bearer(key)) { response in
                let delivery = (response.json["data"] as? [[String: Any]])?.first ?? [:]
                #expect(delivery["status"] as? String == "failed")
                #expect((delivery["attempts"] as? [[String: Any]])?.count == 8)
            }
            // While disabled, new events are not queued for it.
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"identities": [{"kind": "email", "value": "ola@example.pl"}]}"#)
            ) { _ in }
            #expect(try await Self.deliver(world, to: receiver) == 0)

            try Self.write("204", to: "status", of: receiver)
            try await client.execute(
                uri: "/api/v1/webhooks/\(id)", method: .patch, headers: .bearer(key), body: ByteBuffer(string: #"{"enabled": true}"#)
            ) { response in
                #expect(response.json["enabled"] as? Bool == true)
                #expect(response.json["disabled_reason"] == nil || response.json["disabled_reason"] is NSNull)
            }
            try await client.execute(
                uri: "/api/v1/customers", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"identities": [{"kind": "email", "value": "ewa@example.pl"}]}"#)
            ) { _ in }
            #expect(try await Self.deliver(world, to: receiver) == 1)
            let last = try Self.received(receiver).last
            #expect(last?.type == "customer.created" && last?.verified == [true])
            #expect(((last?.data["customer"] as? [String: Any])?["email"] as? String) == "ewa@example.pl")
        }
    }

    @Test(
        "after a secret is rotated, deliveries carry signatures by the new and the old secret, and either verifies; a test event is sent on request",
        arguments: TestDatabase.available)
    func rotation(kind: TestDatabase) async throws {
        let receiver = try await PythonFixture(script: Self.receiverScript)
        defer { receiver.stop() }
        try await withApp(kind, webhookPolicy: Self.loopback) { client, world, key in
            let (id, old) = try await Self.subscribe(client, key: key, url: "http://127.0.0.1:\(receiver.port)/", events: ["*"])
            let new = try await client.execute(uri: "/api/v1/webhooks/\(id)/rotate-secret", method: .post, headers: .bearer(key)) {
                response in response.json["secret"] as? String ?? ""
            }
            #expect(new.hasPrefix("whsec_") && new != old)
            try Self.write("\(old)\n\(new)\nwhsec_\(Data(repeating: 7, count: 32).base64EncodedString())", to: "secrets", of: receiver)
            try await client.execute(uri: "/api/v1/webhooks/\(id)/test", method: .post, headers: .bearer(key)) { response in
                #expect(response.status == .accepted)
                #expect(response.json["event_type"] as? String == "webhook.test")
            }
            #expect(try await Self.deliver(world, to: receiver) == 1)
            #expect(try Self.received(receiver).first?.verified == [true, true, false])
            // A day later the old secret signs no more.
            world.clock.advance(by: 24 * 3600 + 1)
            try await client.execute(uri: "/api/v1/webhooks/\(id)/test", method: .post, headers: .bearer(key)) { _ in }
            #expect(try await Self.deliver(world, to: receiver) == 1)
            #expect(try Self.received(receiver).last?.verified == [false, true, false])
        }
    }

    @Test(
        "webhooks go to public addresses only: loopback, private, link-local and metadata addresses are refused when subscribed and when sent; redirects are not followed",
        arguments: TestDatabase.available)
    func addresses(kind: TestDatabase) async throws {
        let receiver = try await PythonFixture(script: Self.receiverScript)
        defer { receiver.stop() }
        try await withApp(kind) { client, world, key in
            for url in [
                "http://127.0.0.1:\(receiver.port)/", "http://localhost:\(receiver.port)/", "http://169.254.169.254/latest/meta-data/",
                "http://10.0.0.8/", "http://[::1]:8080/", "http://[::ffff:127.0.0.1]/", "ftp://crm.example.com/",
                "https://user:pw@crm.example.com/",
            ] {
                let body = try JSONSerialization.data(withJSONObject: ["url": url, "events": ["message.created"]])
                try await client.execute(uri: "/api/v1/webhooks", method: .post, headers: .bearer(key), body: ByteBuffer(bytes: body)) {
                    response in
                    #expect(response.status == .unprocessableContent, "\(url)")
                    #expect(response.json["field"] as? String == "url", "\(url)")
                }
            }
        }
        // A name is checked when it is called, against every address it resolves to.
        let sender = HTTPWebhookSender(policy: NetworkAddressPolicy())
        await #expect(throws: WebhookSendError.self) {
            _ = try await sender.send(WebhookRequest(url: "http://localhost:\(receiver.port)/", headers: [], body: []))
        }
        #expect(try Self.received(receiver).isEmpty)

        try Self.write("302", to: "status", of: receiver)
        let answer = try await HTTPWebhookSender(policy: Self.loopback).send(
            WebhookRequest(
                url: "http://localhost:\(receiver.port)/start", headers: [("Content-Type", "application/json")], body: Array("{}".utf8)))
        #expect(answer.status == 302)
        #expect(try Self.received(receiver).map(\.path) == ["/start"])
    }
}

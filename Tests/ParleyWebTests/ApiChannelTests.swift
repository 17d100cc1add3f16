import Foundation
import Hummingbird
import HummingbirdTesting
import ParleyChannels
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// An API channel against a real bridge on loopback (`Fixtures/webhook_receiver.py`, which checks
/// the signature of every reply with the `standardwebhooks` package).
@Suite("API channels", .timeLimit(.minutes(3)))
struct ApiChannelTests {
    /// Runs every due reply delivery once, as a worker would, through the real HTTP sender.
    @discardableResult
    static func deliver(_ world: World, to bridge: PythonFixture) async throws -> Int {
        try WebhookTests.write(String(world.clock.now().timeIntervalSince1970), to: "now", of: bridge)
        let handler = DeliverChannelMessage(
            database: world.database, clock: world.clock, sender: HTTPWebhookSender(policy: WebhookTests.loopback))
        let queue = JobQueue(database: world.database)
        var count = 0
        while let job = try await queue.claim(
            workerID: "test", kinds: [DeliverChannelMessage.kind], now: world.clock.now(), lease: .seconds(60))
        {
            try await handler.perform(job)
            // At least once: a job run twice sends nothing the second time.
            try await handler.perform(job)
            _ = try await queue.complete(job, now: world.clock.now())
            count += 1
        }
        return count
    }

    static func post(
        _ client: some TestClientProtocol, key: String, channel: String, id: String, sender: String, name: String = "Zofia", text: String
    ) async throws -> (status: HTTPResponse.Status, json: [String: Any]) {
        let body = try JSONSerialization.data(
            withJSONObject: ["message_id": id, "sender": ["external_id": sender, "name": name, "locale": "pl"], "text": text])
        return try await client.execute(
            uri: "/api/v1/channels/\(channel)/messages", method: .post, headers: .bearer(key), body: ByteBuffer(bytes: body)
        ) { ($0.status, $0.json) }
    }

    /// A bridge, and an app whose shop has a channel posting its replies there; the bridge knows the secret.
    static func withBridge(
        _ kind: TestDatabase, test: @Sendable @escaping (any TestClientProtocol, World, String, PythonFixture, String) async throws -> Void
    ) async throws {
        let bridge = try await PythonFixture(script: WebhookTests.receiverScript)
        defer { bridge.stop() }
        try await withApp(kind, webhookPolicy: WebhookTests.loopback) { client, world, key in
            let body = #"{"name": "WhatsApp", "webhook_url": "http://127.0.0.1:\#(bridge.port)/parley"}"#
            let (channel, secret) = try await client.execute(
                uri: "/api/v1/channels", method: .post, headers: .bearer(key), body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                return (response.json["id"] as? String ?? "", response.json["secret"] as? String ?? "")
            }
            #expect(channel.hasPrefix("chn_") && secret.hasPrefix("whsec_"))
            try WebhookTests.write(secret, to: "secrets", of: bridge)
            try await test(client, world, key, bridge, channel)
        }
    }

    @Test(
        "a bridge's messages thread by sender, a repeated message id is filed once, and an agent's reply reaches the bridge once, signed, with its delivery reported back",
        arguments: TestDatabase.available)
    func exchange(kind: TestDatabase) async throws {
        try await Self.withBridge(kind) { client, world, key, bridge, channel in
            let first = try await Self.post(
                client, key: key, channel: channel, id: "wamid.1", sender: "48601234567", text: "Dzień dobry, gdzie paczka?")
            #expect(first.status == .created)
            let again = try await Self.post(
                client, key: key, channel: channel, id: "wamid.1", sender: "48601234567", text: "Dzień dobry, gdzie paczka?")
            #expect(
                again.status == .ok && again.json["duplicate"] as? Bool == true
                    && again.json["id"] as? String == first.json["id"] as? String)
            let second = try await Self.post(
                client, key: key, channel: channel, id: "wamid.2", sender: "48601234567", text: "Zamówienie 1042")
            #expect(second.json["conversation"] as? String == first.json["conversation"] as? String, "one conversation per sender")
            let other = try await Self.post(
                client, key: key, channel: channel, id: "wamid.3", sender: "30691234567", name: "Νίκος", text: "Γεια σας")
            #expect(other.json["conversation"] as? String != first.json["conversation"] as? String)

            let conversation = try #require(first.json["conversation"] as? String)
            let customer = try await client.execute(uri: "/api/v1/conversations/\(conversation)", method: .get, headers: .bearer(key)) {
                response in
                #expect(response.json["channel"] as? String == "api")
                return response.json["customer"] as? String
            }
            // Beside the conversation, agents see the sender as the channel's name and their id there.
            let panel = try await ReadCustomerPanel(database: world.database)(shop: world.shop.id, customer: try #require(customer))
            let identity = try #require(panel.customer.identities.first)
            #expect(panel.customer.name == "Zofia" && panel.customer.locale == "pl")
            #expect(panel.channelNames[String(identity.value.prefix { $0 != ":" }) + ":"] == "WhatsApp", "\(panel.channelNames)")
            try await client.execute(uri: "/api/v1/conversations/\(conversation)/messages", method: .get, headers: .bearer(key)) {
                response in
                let texts = (response.json["data"] as? [[String: Any]] ?? []).map { $0["text"] as? String ?? "" }
                #expect(texts == ["Dzień dobry, gdzie paczka?", "Zamówienie 1042"])
            }
            let reply = try await client.execute(
                uri: "/api/v1/conversations/\(conversation)/replies", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"text": "Paczka jest w drodze, dotrze jutro."}"#)
            ) { response in
                #expect(response.status == .created, "\(String(buffer: response.body))")
                return (response.json["delivery"] as? [String: Any])?["id"] as? String
            }
            let delivery = try #require(reply)
            #expect(try await Self.deliver(world, to: bridge) == 1)
            #expect(try await Self.deliver(world, to: bridge) == 0)
            let received = try WebhookTests.received(bridge)
            #expect(received.count == 1)
            let sent = try #require(received.first)
            #expect(sent.verified == [true] && sent.headers["webhook-id"] == delivery)
            #expect((sent.data["recipient"] as? [String: Any])?["external_id"] as? String == "48601234567")
            #expect((sent.data["message"] as? [String: Any])?["text"] as? String == "Paczka jest w drodze, dotrze jutro.")
            #expect((sent.data["message"] as? [String: Any])?["id"] as? String == delivery)

            try await client.execute(
                uri: "/api/v1/channels/\(channel)/messages/\(delivery)/status", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"status": "read"}"#)
            ) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "delivered", "\(String(buffer: response.body))")
            }
            try await client.execute(uri: "/api/v1/conversations/\(conversation)/messages", method: .get, headers: .bearer(key)) {
                response in
                let last = (response.json["data"] as? [[String: Any]])?.last
                #expect(last?["kind"] as? String == "reply" && last?["channel"] as? String == "api")
                #expect((last?["delivery"] as? [String: Any])?["status"] as? String == "delivered")
            }
        }
    }

    @Test(
        "a reply to a bridge that is down is retried over a day, then failed with the reason; tried again once the bridge is back, it arrives",
        arguments: TestDatabase.available)
    func bridgeDown(kind: TestDatabase) async throws {
        try await Self.withBridge(kind) { client, world, key, bridge, channel in
            let first = try await Self.post(client, key: key, channel: channel, id: "tg-1", sender: "777", text: "Привет")
            let conversation = try #require(first.json["conversation"] as? String)
            try Self.writeStatus("502", bridge)
            let delivery = try await client.execute(
                uri: "/api/v1/conversations/\(conversation)/replies", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"text": "Здравствуйте!"}"#)
            ) { try #require(($0.json["delivery"] as? [String: Any])?["id"] as? String) }
            var attempts = 0
            for _ in 0..<12 {
                attempts += try await Self.deliver(world, to: bridge)
                world.clock.advance(by: 11 * 3600)
            }
            #expect(attempts == 8)
            #expect(try WebhookTests.received(bridge).count == 8)
            try await client.execute(uri: "/api/v1/messages/\(delivery)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["status"] as? String == "failed")
                #expect((response.json["error"] as? String)?.contains("502") == true, "\(response.json)")
            }
            try Self.writeStatus("200", bridge)
            _ = try await UndeliveredMail(database: world.database, clock: world.clock).retry(shop: world.shop.id, message: delivery)
            #expect(try await Self.deliver(world, to: bridge) == 1)
            try await client.execute(uri: "/api/v1/messages/\(delivery)", method: .get, headers: .bearer(key)) { response in
                #expect(response.json["status"] as? String == "sent")
            }
            #expect(try WebhookTests.received(bridge).last?.verified == [true])
        }
    }

    static func writeStatus(_ status: String, _ bridge: PythonFixture) throws {
        try WebhookTests.write(status, to: "status", of: bridge)
    }

    @Test("what a bridge posts wrong is refused with the field to fix, and nothing is filed", arguments: TestDatabase.available)
    func refusals(kind: TestDatabase) async throws {
        try await Self.withBridge(kind) { client, _, key, _, channel in
            for (body, field) in [
                (#"{"sender": {"external_id": "1"}, "text": "hi"}"#, "message_id"),
                (#"{"message_id": "m", "text": "hi"}"#, "sender.external_id"),
                (#"{"message_id": "m", "sender": {"external_id": "1"}}"#, "text"),
                (
                    #"{"message_id": "m", "sender": {"external_id": "1"}, "attachments": [{"content_type": "image/png", "data": "%%%"}]}"#,
                    "attachments[0].data"
                ),
                (
                    #"{"message_id": "m", "sender": {"external_id": "1"}, "attachments": [{"content_type": "png", "data": "aGk="}]}"#,
                    "attachments[0].content_type"
                ),
            ] {
                try await client.execute(
                    uri: "/api/v1/channels/\(channel)/messages", method: .post, headers: .bearer(key), body: ByteBuffer(string: body)
                ) { response in
                    #expect(
                        response.status == .unprocessableContent && response.json["field"] as? String == field,
                        "\(body): \(String(buffer: response.body))")
                }
            }
            try await client.execute(
                uri: "/api/v1/channels/chn_nothing/messages", method: .post, headers: .bearer(key),
                body: ByteBuffer(string: #"{"message_id": "m", "sender": {"external_id": "1"}, "text": "hi"}"#)
            ) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/conversations", method: .get, headers: .bearer(key)) { response in
                #expect((response.json["data"] as? [[String: Any]])?.isEmpty == true)
            }
            let body = #"{"name": "Telegram", "webhook_url": "http://10.0.0.5/bridge"}"#
            try await client.execute(uri: "/api/v1/channels", method: .post, headers: .bearer(key), body: ByteBuffer(string: body)) {
                response in
                #expect(response.status == .unprocessableContent && response.json["field"] as? String == "webhook_url")
            }
        }
    }
}

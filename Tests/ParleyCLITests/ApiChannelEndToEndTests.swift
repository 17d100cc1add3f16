import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// The toy messenger bridge of docs/examples exchanges messages with an agent through a real
/// `parley serve`, as a new user would try it from docs/api-channel.md.
@Suite("The example messenger bridge", .serialized, .timeLimit(.minutes(4)))
struct ApiChannelEndToEndTests {
    static let bridge = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("docs/examples/toy_bridge.py").path

    @Test(
        "a customer's message from the toy bridge opens a conversation; the agent's answer reaches the bridge, which reports it delivered",
        arguments: TestDatabase.available)
    func exchange(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-bridge-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(try await CommandLineTests.parley(["shop", "create", "acme", "--name", "Acme"] + store).status == 0)
            let key = try await CommandLineTests.apiKey(shop: "acme", store: store)
            let server = try await ParleyServer.start(store + ["--webhook-allow-network", "127.0.0.1/32"])
            defer { server.stop() }

            async let run = ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", Self.bridge, "--parley", server.base, "--key", key, "--port", String(FreePort.pick()), "--sender",
                    "48601234567",
                    "--sender-name", "Zofia", "--say", "Dzień dobry, gdzie jest paczka?", "--replies", "1", "--timeout", "90",
                ], limit: .seconds(120))
            let conversation = try await Self.waitForConversation(server.base, key: key)
            var reply = HTTPClientRequest(url: "\(server.base)/api/v1/conversations/\(conversation)/replies")
            reply.method = .POST
            reply.headers.add(name: "Authorization", value: "Bearer \(key)")
            reply.headers.add(name: "Content-Type", value: "application/json")
            reply.body = .bytes(ByteBuffer(string: #"{"text": "Paczka wyjechała dziś z magazynu."}"#))
            let answered = try await HTTPClient.shared.execute(reply, timeout: .seconds(10))
            #expect(answered.status == .created)

            let (status, output) = try await run
            let printed = String(decoding: output, as: UTF8.self)
            #expect(status == 0, "\(printed)")
            #expect(printed.contains("Shop: Paczka wyjechała dziś z magazynu."), "\(printed)")
            let messages = try await Self.json("\(server.base)/api/v1/conversations/\(conversation)/messages", key: key)
            let data = messages["data"] as? [[String: Any]] ?? []
            #expect(data.map { $0["kind"] as? String } == ["incoming", "reply"])
            #expect((data.last?["delivery"] as? [String: Any])?["status"] as? String == "delivered", "the bridge reported it")
        }
    }

    static func json(_ url: String, key: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(key)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (try JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    /// The conversation the bridge's first message opened, once it is there.
    static func waitForConversation(_ base: String, key: String) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let list = try await json("\(base)/api/v1/conversations", key: key)
            if let id = (list["data"] as? [[String: Any]])?.first?["id"] as? String { return id }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw CancellationError()
    }
}

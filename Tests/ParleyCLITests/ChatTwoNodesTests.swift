import Foundation
import ParleyStore
import ParleyTestSupport
import Testing

/// Two `parley serve` processes on one PostgreSQL, as a shop runs them behind a load balancer: a
/// visitor's socket on one node and an agent on the other talk to each other through the database's
/// LISTEN/NOTIFY bus.
@Suite("Live chat across two nodes", .serialized, .timeLimit(.minutes(4)))
struct ChatTwoNodesTests {
    struct Seen: Decodable {
        let agentHeardOnB: Bool
        let agentSawTypingOnB: Bool
        let answerOnA: String
        let answerSeconds: Double
        let answerIsStored: Bool
        let token: Bool
        let historyOnB: [String]
    }

    @Test("a visitor on node A and an agent on node B hear each other live", arguments: TestDatabase.postgres)
    func twoNodes(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-nodes-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(
                try await CommandLineTests.parley(["shop", "create", "kubki", "--name", "Kubki", "--locale", "pl"] + store).status == 0)
            let key = try await CommandLineTests.apiKey(shop: "kubki", store: store)
            let nodeA = try await ParleyServer.start(store)
            defer { nodeA.stop() }
            let nodeB = try await ParleyServer.start(store)
            defer { nodeB.stop() }

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("chat_two_nodes.py").path, nodeA.base, nodeB.base, key,
                    "kubki",
                ],
                limit: .seconds(90))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.token)
            #expect(seen.agentHeardOnB, "the visitor's first message reached node B's event stream")
            #expect(seen.agentSawTypingOnB)
            #expect(seen.answerOnA == "Tak, jestem — Ola z węzła B." && seen.answerIsStored)
            #expect(seen.historyOnB == ["Halo, czy ktoś jest?", "Tak, jestem — Ola z węzła B."])
        }
    }
}

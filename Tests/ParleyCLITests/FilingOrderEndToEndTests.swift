import Foundation
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// Issue 13: the conversations a mailbox gives do not depend on how fast it arrives. Mail is not
/// delivered in order and several workers file at once, so a reply may be filed before the message
/// it answers; the result must be what filing one email after another gives.
@Suite("The same mailbox gives the same conversations at any speed", .serialized, .timeLimit(.minutes(10)))
struct FilingOrderEndToEndTests {
    static let generator = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Benchmarks/generated_mailbox.py").path

    @Test("one email after another, and eight at a time with four workers, on every database: the same conversations")
    func sameConversations() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-mailbox-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try await ChildProcess.python(Self.generator, ["--count", "240", "--seed", "11", "--out", directory.path])
        let mails = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".eml") }.sorted()
            .map { Array(try Data(contentsOf: directory.appendingPathComponent($0))) }
        #expect(mails.count == 240)
        let threads = try JSONDecoder().decode([Int].self, from: Data(contentsOf: directory.appendingPathComponent("threads.json")))
        let written = Dictionary(grouping: mails.indices, by: { threads[$0] }).values.map(Set.init)

        var results: [(String, Set<Set<Int>>)] = []
        for kind in TestDatabase.available {
            results.append(
                ("\(kind), one at a time", try await Self.file(mails, order: Array(mails.indices), on: kind, workers: 1, concurrently: 1)))
            // Delivered a little out of order too, as concurrent deliveries arrive.
            results.append(
                (
                    "\(kind), 8 posts at once, 4 workers, shuffled",
                    try await Self.file(mails, order: Self.shuffled(mails.indices), on: kind, workers: 4, concurrently: 8)
                ))
        }
        let (firstRun, first) = try #require(results.first)
        // Every thread as written is in one conversation: replies filed before what they answer,
        // originals delivered late, answers to the shop's replies this mailbox never saw. (A
        // conversation may hold more than one thread: a customer's two emails with one subject.)
        for (run, conversations) in results {
            let split = written.filter { thread in !conversations.contains { thread.isSubset(of: $0) } }.map { $0.sorted() }
            #expect(split.isEmpty, "\(run): threads split over several conversations: \(split.prefix(12))")
        }
        #expect(first.count <= written.count && first.contains { $0.count >= 4 }, "\(first.count) conversations")
        for (run, conversations) in results.dropFirst() {
            let differing = conversations.symmetricDifference(first).map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
            #expect(
                differing.isEmpty,
                "\(run): \(conversations.count) conversations, \(firstRun): \(first.count); mails grouped differently: \(differing.prefix(12))"
            )
        }
    }

    /// Each run of 8 in another order, the same every time (SplitMix64, a fixed seed): what 8
    /// deliveries at once can do to the order mail arrives in.
    static func shuffled(_ indices: Range<Int>) -> [Int] {
        var random = SplitMix64(seed: 0x5eed)
        var order = Array(indices)
        for start in stride(from: order.startIndex, to: order.endIndex, by: 8) {
            let window = start..<min(start + 8, order.endIndex)
            for index in window.reversed() where index > start {
                order.swapAt(index, start + Int(random.next() % UInt64(index - start + 1)))
            }
        }
        return order
    }

    /// Files `mails` in `order` through the API of a fresh `parley serve`; returns each conversation
    /// as the positions of its mails in the mailbox.
    static func file(_ mails: [[UInt8]], order: [Int], on kind: TestDatabase, workers: Int, concurrently: Int) async throws
        -> Set<Set<Int>>
    {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-order-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(try await CommandLineTests.parley(["shop", "create", "bench", "--name", "Bench"] + store).status == 0)
            #expect(
                try await CommandLineTests.parley(
                    ["shop", "set", "bench", "support.email=help@bench.example", "inbox.acknowledge=off"] + store
                )
                .status == 0)
            let key = try await CommandLineTests.apiKey(shop: "bench", store: store)
            let server = try await ParleyServer.start(store + ["--workers", String(workers)])
            defer { server.stop() }
            let inbox = EmailInboundPaths(server: server, key: key, smtpPort: 0)

            func post(_ index: Int) async throws -> String {
                let (status, json) = try await inbox.api(mails[index])
                #expect(status == .accepted)
                return try #require(json["id"] as? String)
            }
            func filed(_ id: String) async throws -> String? {
                var status: [String: Any] = [:]
                let done = try await eventually {
                    status = try await inbox.get("/api/v1/inbound/email/\(id)")
                    return status["status"] as? String != "received"
                }
                #expect(done && status["status"] as? String == "threaded", "\(id): \(status)")
                return status["conversation"] as? String
            }

            var ids = [String](repeating: "", count: mails.count)
            if concurrently == 1 {
                for index in order {
                    ids[index] = try await post(index)
                    _ = try await filed(ids[index])
                }
            } else {
                try await withThrowingTaskGroup(of: (Int, String).self) { group in
                    var next = 0
                    for _ in 0..<concurrently where next < order.count {
                        let index = order[next]
                        group.addTask { (index, try await post(index)) }
                        next += 1
                    }
                    while let (index, id) = try await group.next() {
                        ids[index] = id
                        if next < order.count {
                            let index = order[next]
                            group.addTask { (index, try await post(index)) }
                            next += 1
                        }
                    }
                }
            }
            var conversations: [String: Set<Int>] = [:]
            for (index, id) in ids.enumerated() {
                let conversation = try #require(try await filed(id), "mail \(index) has no conversation")
                conversations[conversation, default: []].insert(index)
            }
            return Set(conversations.values)
        }
    }
}

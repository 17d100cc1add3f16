import Foundation
import Logging
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Event bus", .timeLimit(.minutes(2)))
struct EventBusTests {
    @Test("an event published on one node reaches the subscribers of its topic on another", arguments: TestDatabase.postgres)
    func acrossNodes(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let logger = Logger(label: "test")
            try await ParleyDatabase.withOpened(location, logger: logger) { first in
                try await ParleyDatabase.withOpened(location, logger: logger) { second in
                    let nodeA = PostgresEventBus(database: first, logger: logger)
                    let nodeB = PostgresEventBus(database: second, logger: logger)
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask { try await nodeA.run() }
                        group.addTask { try await nodeB.run() }
                        defer { group.cancelAll() }
                        let onB = nodeB.subscribe(topic: "shop:1:conversations")
                        let otherTopic = nodeB.subscribe(topic: "shop:2:conversations")
                        await nodeB.waitUntilListening()
                        try await nodeA.publish(BusEvent(topic: "shop:2:conversations", payload: "{\"for\":\"shop 2\"}"))
                        try await nodeA.publish(BusEvent(topic: "shop:1:conversations", payload: "{\"conversation\":7}"))
                        var iterator = onB.makeAsyncIterator()
                        #expect(await iterator.next() == BusEvent(topic: "shop:1:conversations", payload: "{\"conversation\":7}"))
                        var other = otherTopic.makeAsyncIterator()
                        #expect(await other.next()?.payload == "{\"for\":\"shop 2\"}")
                    }
                }
            }
        }
    }

    @Test("the in-process bus delivers to the topic's subscribers only")
    func local() async throws {
        let bus = LocalEventBus()
        let mine = bus.subscribe(topic: "shop:1")
        let theirs = bus.subscribe(topic: "shop:2")
        try await bus.publish(BusEvent(topic: "shop:1", payload: "a"))
        try await bus.publish(BusEvent(topic: "shop:2", payload: "b"))
        var iterator = mine.makeAsyncIterator()
        #expect(await iterator.next()?.payload == "a")
        var other = theirs.makeAsyncIterator()
        #expect(await other.next()?.payload == "b")
    }
}

import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Job queue")
struct JobQueueTests {
    @Test("an idempotency key enqueues a job once", arguments: TestDatabase.available)
    func idempotencyKey(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let job = NewJob(shop: world.shop.id, kind: "k", payload: "{}", runAt: world.clock.now(), idempotencyKey: "order-1:paid")
            let first = try await queue.enqueue(job, now: world.clock.now())
            let second = try await queue.enqueue(job, now: world.clock.now())
            #expect(first.inserted && !second.inserted)
            #expect(first.id == second.id)
        }
    }

    @Test("a job waits for its run_at, and due jobs come oldest first", arguments: TestDatabase.available)
    func runAt(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let now = world.clock.now()
            let later = try await queue.enqueue(
                NewJob(shop: world.shop.id, kind: "k", payload: "later", runAt: now.addingTimeInterval(3600)), now: now)
            let first = try await queue.enqueue(
                NewJob(shop: world.shop.id, kind: "k", payload: "a", runAt: now.addingTimeInterval(-5)), now: now)
            _ = try await queue.enqueue(NewJob(shop: world.shop.id, kind: "k", payload: "b", runAt: now), now: now)
            let claimed = try #require(try await queue.claim(workerID: "w", kinds: ["k"], now: now, lease: .seconds(30)))
            #expect(claimed.id == first.id)
            #expect(claimed.attempt == 1)
            let next = try #require(try await queue.claim(workerID: "w", kinds: ["k"], now: now, lease: .seconds(30)))
            #expect(try await queue.complete(claimed, now: now))
            #expect(try await queue.complete(next, now: now))
            #expect(try await queue.claim(workerID: "w", kinds: ["k"], now: now, lease: .seconds(30)) == nil)
            let due = try await queue.claim(workerID: "w", kinds: ["k"], now: now.addingTimeInterval(3601), lease: .seconds(30))
            #expect(due?.id == later.id)
            #expect(try await queue.claim(workerID: "w", kinds: ["other"], now: now.addingTimeInterval(9999), lease: .seconds(30)) == nil)
        }
    }

    @Test("failures retry later, then the job is dead and says why", arguments: TestDatabase.available)
    func retriesThenDead(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let (id, _) = try await queue.enqueue(
                NewJob(shop: world.shop.id, kind: "k", payload: "{}", runAt: world.clock.now(), maxAttempts: 2), now: world.clock.now())
            let first = try #require(try await queue.claim(workerID: "w", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)))
            #expect(
                try await queue.fail(first, error: "smtp 451", retryAt: world.clock.now().addingTimeInterval(60), now: world.clock.now()))
            #expect(try await queue.claim(workerID: "w", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)) == nil)
            world.clock.advance(by: 61)
            let second = try #require(try await queue.claim(workerID: "w", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)))
            #expect(second.attempt == 2)
            #expect(try await queue.fail(second, error: "smtp 550 no such user", retryAt: nil, now: world.clock.now()))
            let record = try #require(try await queue.find(shop: world.shop.id, id: id))
            #expect(record.status == .dead)
            #expect(record.lastError == "smtp 550 no such user")
            #expect(try await queue.list(shop: world.shop.id, status: .dead).map(\.id) == [id])
        }
    }

    @Test("an expired lease hands the job to another worker, and the first can no longer complete it", arguments: TestDatabase.available)
    func expiredLease(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let (id, _) = try await queue.enqueue(
                NewJob(shop: world.shop.id, kind: "k", payload: "{}", runAt: world.clock.now()), now: world.clock.now())
            let crashed = try #require(try await queue.claim(workerID: "a", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)))
            #expect(
                try await queue.claim(workerID: "b", kinds: ["k"], now: world.clock.now().addingTimeInterval(29), lease: .seconds(30))
                    == nil)
            world.clock.advance(by: 31)
            let rescued = try #require(try await queue.claim(workerID: "b", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)))
            #expect(rescued.id == id && rescued.attempt == 2)
            #expect(try await queue.complete(crashed, now: world.clock.now()) == false)
            #expect(try await queue.complete(rescued, now: world.clock.now()))
            #expect(try await queue.find(shop: world.shop.id, id: id)?.status == .done)
        }
    }

    @Test("a job whose last attempt's worker died is dead, not run again", arguments: TestDatabase.available)
    func poisonJob(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let (id, _) = try await queue.enqueue(
                NewJob(shop: world.shop.id, kind: "k", payload: "{}", runAt: world.clock.now(), maxAttempts: 1), now: world.clock.now())
            _ = try await queue.claim(workerID: "a", kinds: ["k"], now: world.clock.now(), lease: .seconds(30))
            world.clock.advance(by: 31)
            #expect(try await queue.claim(workerID: "b", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)) == nil)
            #expect(try await queue.find(shop: world.shop.id, id: id)?.status == .dead)
        }
    }
}

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

    @Test(
        "a batch claim takes due jobs oldest first up to its limit; a batch completion records only the jobs still held",
        arguments: TestDatabase.available)
    func batches(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let now = world.clock.now()
            var ids: [Int64] = []
            for offset in [30.0, 10, 20, 40, -3600] {
                ids.append(
                    try await queue.enqueue(
                        NewJob(shop: world.shop.id, kind: "k", payload: "{}", runAt: now.addingTimeInterval(-offset)), now: now
                    )
                    .id)
            }
            let first = try await database.transaction { sql in
                try await JobQueue.claim(
                    workerID: "a", kinds: ["k"], now: now, lease: .seconds(30), limit: 3, on: sql)
            }
            #expect(first.map(\.id) == [ids[3], ids[0], ids[2]])
            let rest = try await database.transaction { sql in
                try await JobQueue.claim(
                    workerID: "b", kinds: ["k"], now: now, lease: .seconds(30), limit: 3, on: sql)
            }
            #expect(rest.map(\.id) == [ids[1]], "the job due in an hour waits")
            // Worker b took over a's first job after its lease ran out: a may no longer record it.
            world.clock.advance(by: 31)
            let rescued = try #require(try await queue.claim(workerID: "b", kinds: ["k"], now: world.clock.now(), lease: .seconds(30)))
            #expect(first.map(\.id).contains(rescued.id))
            let recorded = try await database.withConnection { sql in try await JobQueue.complete(first, now: world.clock.now(), on: sql) }
            #expect(recorded == Set(first.map(\.id)).subtracting([rescued.id]))
        }
    }

    @Test(
        "finished jobs are deleted a week after done and three months after dead; waiting and running ones never",
        arguments: TestDatabase.available)
    func pruning(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let queue = JobQueue(database: database)
            let day: TimeInterval = 86_400
            let start = world.clock.now()
            func job(_ payload: String, runAt: Date) async throws -> Int64 {
                try await queue.enqueue(NewJob(shop: world.shop.id, kind: "k", payload: payload, runAt: runAt, maxAttempts: 1), now: start)
                    .id
            }
            let done = try await job("done", runAt: start)
            let dead = try await job("dead", runAt: start.addingTimeInterval(1))
            for _ in 0..<2 {
                let claimed = try #require(
                    try await queue.claim(workerID: "w", kinds: ["k"], now: start.addingTimeInterval(1), lease: .seconds(30)))
                if claimed.id == done {
                    #expect(try await queue.complete(claimed, now: start.addingTimeInterval(1)))
                } else {
                    #expect(try await queue.fail(claimed, error: "550", retryAt: nil, now: start.addingTimeInterval(1)))
                }
            }
            let running = try await job("running", runAt: start.addingTimeInterval(2))
            _ = try #require(try await queue.claim(workerID: "w", kinds: ["k"], now: start.addingTimeInterval(2), lease: .seconds(30)))
            let waiting = try await job("waiting", runAt: start.addingTimeInterval(200 * day))
            func remaining() async throws -> Set<Int64> {
                var ids: Set<Int64> = []
                for id in [done, dead, running, waiting] where try await queue.find(shop: world.shop.id, id: id) != nil { ids.insert(id) }
                return ids
            }
            func prune(after days: TimeInterval) async throws -> Int {
                let now = start.addingTimeInterval(days * day)
                return try await queue.prune(
                    doneBefore: now.addingTimeInterval(-7 * day), deadBefore: now.addingTimeInterval(-90 * day), limit: 1000)
            }
            #expect(try await prune(after: 6) == 0)
            #expect(try await prune(after: 8) == 1)
            #expect(try await remaining() == [dead, running, waiting])
            #expect(try await prune(after: 89) == 0)
            #expect(try await prune(after: 91) == 1)
            #expect(try await prune(after: 400) == 0)
            #expect(try await remaining() == [running, waiting])
        }
    }
}

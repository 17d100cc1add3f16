import Foundation
import Logging
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Job worker")
struct JobWorkerTests {
    /// Jobs that start, then wait until the test lets them finish.
    actor Gate {
        private(set) var started: [Int64] = []
        private(set) var finished: [Int64] = []
        private(set) var mostAtOnce = 0
        private var open = false
        private var waiters: [CheckedContinuation<Void, Never>] = []

        func run(_ job: ClaimedJob) async {
            started.append(job.id)
            mostAtOnce = max(mostAtOnce, started.count - finished.count)
            if !open { await withCheckedContinuation { waiters.append($0) } }
            finished.append(job.id)
        }

        func release() {
            open = true
            for waiter in waiters { waiter.resume() }
            waiters.removeAll()
        }
    }

    struct GatedHandler: JobHandler {
        let kind = "gated"
        let gate: Gate
        func perform(_ job: ClaimedJob) async throws { await gate.run(job) }
    }

    @Test(
        "a job enqueued in this process starts at once, not at the next poll; a worker runs as many at once as it may, each once",
        arguments: TestDatabase.available)
    func wakesAndLimits(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let gate = Gate()
            let clock = SystemWallClock()
            // An hour between polls: only being woken can start a job within the test's time.
            let worker = JobWorker(
                database: database, handlers: [GatedHandler(gate: gate)],
                configuration: .init(concurrency: 3, pollInterval: .seconds(3600)), clock: clock, logger: Logger(label: "test"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await worker.run() }
                // Let the worker find the queue empty and go idle first.
                try await Task.sleep(for: .milliseconds(300))
                let ids = try await database.transaction { sql in
                    var ids: [Int64] = []
                    for index in 0..<5 {
                        ids.append(
                            try await JobQueue.enqueue(
                                NewJob(
                                    shop: world.shop.id, kind: "gated", payload: "{}", runAt: clock.now(), idempotencyKey: "job-\(index)"),
                                on: sql, now: clock.now()
                            ).id)
                    }
                    return ids
                }
                #expect(await eventually { await gate.started.count == 3 }, "three of the five start at once")
                try await Task.sleep(for: .milliseconds(200))
                #expect(await gate.started.count == 3, "no more than the worker's three places")
                await gate.release()
                #expect(await eventually { await gate.finished.count == 5 })
                let queue = JobQueue(database: database)
                #expect(
                    await eventually {
                        var done = 0
                        for id in ids where (try? await queue.find(shop: world.shop.id, id: id))??.status == .done { done += 1 }
                        return done == 5
                    })
                #expect(await gate.started.sorted() == ids.sorted(), "each job ran once")
                #expect(await gate.mostAtOnce == 3)
                group.cancelAll()
            }
        }
    }

    /// Waits up to 10 s for `condition`.
    func eventually(_ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }
}

import Foundation
import Logging
import Metrics
import ParleyCore
import ParleyStore
import ServiceLifecycle

/// Runs queued jobs, up to `concurrency` at once, in `parley serve` and as `parley worker`.
///
/// One loop keeps the books: in one transaction it records how the jobs that ended since its last
/// pass ended and claims as many due jobs as there are free places, so a busy worker spends one
/// write per job on the queue rather than a claim and a completion each. It waits for a job to end
/// or to be enqueued in this process (`ParleyDatabase.jobSignal`), or polls after `pollInterval`
/// for jobs that became due or came from other processes. One heartbeat keeps every running job's
/// lease.
///
/// On graceful shutdown the worker stops claiming and finishes the jobs it holds.
public struct JobWorker: Service {
    public struct Configuration: Sendable {
        public var concurrency: Int
        /// How long a claimed job is held without a heartbeat before another worker may take it.
        public var lease: Duration
        /// How long an idle loop waits before looking for due jobs again.
        public var pollInterval: Duration
        public var retry: RetryPolicy
        /// How long finished jobs stay in the table: the queue's claims stay as fast with a year of
        /// history behind them as with none.
        public var keepDone: Duration
        public var keepDead: Duration
        public var pruneInterval: Duration

        public init(
            concurrency: Int = 16, lease: Duration = .seconds(60), pollInterval: Duration = .milliseconds(500),
            retry: RetryPolicy = RetryPolicy(), keepDone: Duration = .seconds(7 * 86_400), keepDead: Duration = .seconds(90 * 86_400),
            pruneInterval: Duration = .seconds(300)
        ) {
            self.concurrency = concurrency
            self.lease = lease
            self.pollInterval = pollInterval
            self.retry = retry
            self.keepDone = keepDone
            self.keepDead = keepDead
            self.pruneInterval = pruneInterval
        }
    }

    public let workerID: String
    private let database: ParleyDatabase
    private let handlers: [String: any JobHandler]
    private let configuration: Configuration
    private let clock: any WallClock
    private let logger: Logger

    public init(
        database: ParleyDatabase, handlers: [any JobHandler], configuration: Configuration = Configuration(),
        clock: any WallClock, logger: Logger, workerID: String = JobWorker.defaultWorkerID()
    ) {
        self.database = database
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.workerID = workerID
    }

    /// `host:pid:random`, unique among the workers sharing a database.
    public static func defaultWorkerID() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(OpaqueToken.make(prefix: "", length: 6))"
    }

    public func run() async throws {
        guard !handlers.isEmpty else {
            // Nothing to run yet; returning would end the whole service group.
            logger.info("no job kinds registered; the worker idles")
            try await gracefulShutdown()
            return
        }
        let book = JobBook(places: max(1, configuration.concurrency))
        await withTaskGroup(of: Void.self) { background in
            background.addTask { await self.heartbeat(book) }
            background.addTask { await self.prune() }
            await withDiscardingTaskGroup { running in
                await keepBooks(book) { job in
                    running.addTask {
                        let outcome = await self.process(job)
                        book.end(job, outcome)
                        database.jobSignal.signal()
                    }
                }
            }
            background.cancelAll()
        }
    }

    /// Records ended jobs and claims new ones until shutdown, then until the last running job ended.
    private func keepBooks(_ book: JobBook, start: (ClaimedJob) -> Void) async {
        let kinds = Array(handlers.keys)
        while true {
            let seen = database.jobSignal.generation
            let stopping = Task.isShuttingDownGracefully || Task.isCancelled
            let (ended, free) = book.take()
            let places = stopping ? 0 : free
            if ended.isEmpty && places == 0 {
                if stopping && book.isEmpty { return }
                // Every place is taken, or the worker is stopping: only a job's end changes that.
                await database.jobSignal.wait(past: seen)
                continue
            }
            let now = clock.now()
            let claimed: [ClaimedJob]
            do {
                claimed = try await database.transaction { sql in
                    try await record(ended, now: now, on: sql)
                    return try await JobQueue.claim(
                        workerID: workerID, kinds: kinds, now: now, lease: configuration.lease, limit: places,
                        on: sql)
                }
            } catch {
                // Nothing is lost: the outcomes are recorded on the next pass, or the leases run out and the jobs run again.
                logger.error("cannot record jobs' outcomes or claim jobs", metadata: ["error": "\(error)"])
                // Stopping, the jobs still running end on their own, and a lease that runs out loses nothing.
                if stopping { return }
                book.putBack(ended)
                await idle(past: seen)
                continue
            }
            for job in claimed {
                book.started(job)
                start(job)
            }
            // Fewer due jobs than places: wait until one is enqueued or ends, or the next poll.
            if claimed.count < places { await idle(past: seen) }
        }
    }

    /// Waits for a signal, the poll interval, or graceful shutdown, whichever comes first.
    private func idle(past seen: UInt64) async {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await database.jobSignal.wait(past: seen) }
                group.addTask { try? await Task.sleep(for: configuration.pollInterval) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Runs `job`; nil when shutdown cut it short (no attempt is spent: it runs again once its lease ends).
    func process(_ job: ClaimedJob) async -> Result<Void, any Error>? {
        let started = DispatchTime.now()
        let outcome: Result<Void, any Error>
        do {
            guard let handler = handlers[job.kind] else { throw PermanentJobFailure("no handler for \(job.kind)") }
            try await handler.perform(job)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        Timer(label: "parley_job_duration_seconds", dimensions: [("kind", job.kind)]).recordInterval(since: started)
        if Task.isCancelled, case .failure = outcome {
            jobLogger(job).info("job interrupted by shutdown; it runs again when its lease ends")
            return nil
        }
        return outcome
    }

    /// Records how `ended` jobs went, in the caller's transaction.
    private func record(_ ended: [(job: ClaimedJob, outcome: Result<Void, any Error>)], now: Date, on sql: DatabaseSession) async throws {
        let done = ended.filter { if case .success = $0.outcome { true } else { false } }.map(\.job)
        let recorded = try await JobQueue.complete(done, now: now, on: sql)
        for job in done {
            let kept = recorded.contains(job.id)
            Counter(label: "parley_jobs_total", dimensions: [("kind", job.kind), ("outcome", kept ? "done" : "lease_lost")]).increment()
            if !kept { jobLogger(job).warning("job finished after its lease was lost; another worker owns it now") }
        }
        for case (let job, .failure(let error)) in ended {
            let permanent = error is PermanentJobFailure
            let retryAt =
                permanent || job.attempt >= job.maxAttempts
                ? nil
                : now.addingTimeInterval(seconds(configuration.retry.delay(afterAttempt: job.attempt, unit: Double.random(in: 0..<1))))
            _ = try await JobQueue.fail(job, error: String(describing: error), retryAt: retryAt, now: now, on: sql)
            Counter(label: "parley_jobs_total", dimensions: [("kind", job.kind), ("outcome", retryAt == nil ? "dead" : "retry")])
                .increment()
            jobLogger(job).warning(
                retryAt == nil ? "job failed for the last time" : "job failed; will retry",
                metadata: ["attempt": "\(job.attempt)", "error": "\(error)"])
        }
    }

    private func jobLogger(_ job: ClaimedJob) -> Logger {
        var logger = self.logger
        logger[metadataKey: "job"] = "\(job.id)"
        logger[metadataKey: "kind"] = "\(job.kind)"
        return logger
    }

    /// Extends the leases of the running jobs every third of a lease, in one statement, until cancelled.
    private func heartbeat(_ book: JobBook) async {
        let queue = JobQueue(database: database)
        let interval = configuration.lease / 3
        while (try? await Task.sleep(for: interval)) != nil {
            let running = book.running
            guard !running.isEmpty else { continue }
            do {
                let now = clock.now()
                let kept = try await queue.extendLeases(running, until: now.addingTimeInterval(seconds(configuration.lease)), now: now)
                // A job that ended meanwhile is recorded already, not lost.
                for job in running where !kept.contains(job.id) && book.isRunning(job) {
                    jobLogger(job).warning("lost the lease of a running job")
                }
            } catch {
                logger.warning("cannot extend the leases of running jobs", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Deletes finished jobs every few minutes, a thousand at a time so the writer is never held
    /// long: a week after they were done (their idempotency keys guard against repeats that long;
    /// every handler is safe to run again anyway), three months after they died; and webhook
    /// deliveries a month after they were made (the delivery log shows the last month); and what
    /// customers did, past each shop's retention.
    private func prune() async {
        let queue = JobQueue(database: database)
        while (try? await Task.sleep(for: configuration.pruneInterval)) != nil {
            do {
                let now = clock.now()
                var pruned = 0
                repeat {
                    pruned = try await queue.prune(
                        doneBefore: now.addingTimeInterval(-seconds(configuration.keepDone)),
                        deadBefore: now.addingTimeInterval(-seconds(configuration.keepDead)), limit: 1000)
                    await Task.yield()
                } while pruned == 1000 && !Task.isCancelled
                repeat {
                    pruned = try await database.transaction { session in
                        try await WebhookRepository(session).prune(createdBefore: now.addingTimeInterval(-30 * 86400), limit: 1000)
                    }
                    await Task.yield()
                } while pruned == 1000 && !Task.isCancelled
                try await CustomerEventRetention(database: database).prune(now: now)
            } catch {
                logger.warning("cannot delete finished jobs", metadata: ["error": "\(error)"])
            }
        }
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}

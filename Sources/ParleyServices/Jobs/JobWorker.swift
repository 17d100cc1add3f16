import Foundation
import Logging
import Metrics
import ParleyCore
import ParleyStore
import ServiceLifecycle

/// Runs queued jobs: `concurrency` loops that claim a due job, keep its lease alive while it runs,
/// and record the outcome. Runs inside `parley serve` and as `parley worker`.
///
/// On graceful shutdown the loops stop claiming and finish the jobs they hold.
public struct JobWorker: Service {
    public struct Configuration: Sendable {
        public var concurrency: Int
        /// How long a claimed job is held without a heartbeat before another worker may take it.
        public var lease: Duration
        /// How long an idle loop waits before looking for due jobs again.
        public var pollInterval: Duration
        public var retry: RetryPolicy

        public init(
            concurrency: Int = 2, lease: Duration = .seconds(60), pollInterval: Duration = .milliseconds(500),
            retry: RetryPolicy = RetryPolicy()
        ) {
            self.concurrency = concurrency
            self.lease = lease
            self.pollInterval = pollInterval
            self.retry = retry
        }
    }

    public let workerID: String
    private let queue: JobQueue
    private let handlers: [String: any JobHandler]
    private let configuration: Configuration
    private let clock: any WallClock
    private let logger: Logger

    public init(
        database: ParleyDatabase, handlers: [any JobHandler], configuration: Configuration = Configuration(),
        clock: any WallClock, logger: Logger, workerID: String = JobWorker.defaultWorkerID()
    ) {
        self.queue = JobQueue(database: database)
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
        await withDiscardingTaskGroup { group in
            for loop in 0..<max(1, configuration.concurrency) {
                group.addTask { await self.loop(loop) }
            }
        }
    }

    private func loop(_ index: Int) async {
        let kinds = Array(handlers.keys)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if let job = try await queue.claim(workerID: workerID, kinds: kinds, now: clock.now(), lease: configuration.lease) {
                    await process(job)
                    continue
                }
            } catch {
                logger.error("cannot claim jobs", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: configuration.pollInterval) }
        }
    }

    /// Runs `job` with a heartbeat beside it, then records how it ended.
    func process(_ job: ClaimedJob) async {
        var logger = self.logger
        logger[metadataKey: "job"] = "\(job.id)"
        logger[metadataKey: "kind"] = "\(job.kind)"
        let started = DispatchTime.now()
        let outcome: Result<Void, any Error> = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask { await self.heartbeat(job) }
            group.addTask {
                do {
                    guard let handler = self.handlers[job.kind] else { throw PermanentJobFailure("no handler for \(job.kind)") }
                    try await handler.perform(job)
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            var outcome: Result<Void, any Error> = .success(())
            if let first = await group.next(), let result = first { outcome = result }
            group.cancelAll()
            return outcome
        }
        Timer(label: "parley_job_duration_seconds", dimensions: [("kind", job.kind)]).recordInterval(since: started)
        if Task.isCancelled, case .failure = outcome {
            // Cut short by shutdown, not failed: no attempt is spent, and the job runs again once its lease ends.
            logger.info("job interrupted by shutdown; it runs again when its lease ends")
            return
        }
        do {
            switch outcome {
            case .success:
                let recorded = try await queue.complete(job, now: clock.now())
                Counter(label: "parley_jobs_total", dimensions: [("kind", job.kind), ("outcome", recorded ? "done" : "lease_lost")])
                    .increment()
                if !recorded { logger.warning("job finished after its lease was lost; another worker owns it now") }
            case .failure(let error):
                let permanent = error is PermanentJobFailure
                let retryAt =
                    permanent || job.attempt >= job.maxAttempts
                    ? nil
                    : clock.now().addingTimeInterval(
                        seconds(configuration.retry.delay(afterAttempt: job.attempt, unit: Double.random(in: 0..<1))))
                _ = try await queue.fail(job, error: String(describing: error), retryAt: retryAt, now: clock.now())
                Counter(label: "parley_jobs_total", dimensions: [("kind", job.kind), ("outcome", retryAt == nil ? "dead" : "retry")])
                    .increment()
                logger.warning(
                    retryAt == nil ? "job failed for the last time" : "job failed; will retry",
                    metadata: ["attempt": "\(job.attempt)", "error": "\(error)"])
            }
        } catch {
            // The lease runs out and the job runs again: nothing is lost, at worst repeated.
            logger.error("cannot record the job's outcome", metadata: ["error": "\(error)"])
        }
    }

    /// Extends the lease every third of its length; returns nil, as it only ends when cancelled.
    private func heartbeat(_ job: ClaimedJob) async -> Result<Void, any Error>? {
        let interval = configuration.lease / 3
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
                let now = clock.now()
                let kept = try await queue.extendLease(job, until: now.addingTimeInterval(seconds(configuration.lease)), now: now)
                if !kept { logger.warning("lost the lease of a running job", metadata: ["job": "\(job.id)"]) }
            } catch {
                if Task.isCancelled { break }
            }
        }
        return nil
    }

    private func seconds(_ duration: Duration) -> TimeInterval {
        TimeInterval(duration.components.seconds) + TimeInterval(duration.components.attoseconds) / 1e18
    }
}

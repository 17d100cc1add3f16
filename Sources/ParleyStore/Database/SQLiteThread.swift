import Foundation

/// The one thread that runs the statements of one SQLite connection, as a task executor.
///
/// A transaction's code runs here from start to end (`withTaskExecutorPreference`), its statements
/// inline, one transaction at a time: a statement that waits (a `busy_timeout` while another process
/// writes) holds only this thread, never the shared concurrency pool.
final class SQLiteThread: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopping = false
    /// The thread's id, set by the thread itself before it runs anything.
    nonisolated(unsafe) private var id: pthread_t?

    /// True when the caller runs on this thread.
    var isCurrent: Bool {
        guard let id else { return false }
        return pthread_equal(id, pthread_self()) != 0
    }

    init(name: String) {
        let thread = Thread { [self] in
            id = pthread_self()
            run()
        }
        thread.name = name
        thread.stackSize = 4 << 20
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        guard !stopping else {
            condition.unlock()
            // A task that reaches a closed database must still run (and fail there), not wait forever.
            globalConcurrentExecutor.enqueue(job)
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Ends the thread once the jobs already queued have run.
    func shutdown() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    private func run() {
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

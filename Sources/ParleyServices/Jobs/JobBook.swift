import ParleyStore
import Synchronization

/// A worker's jobs: those running, and those ended whose outcome is not recorded yet. A job keeps
/// its place until its outcome is recorded, so a worker never holds more than `places` leases.
final class JobBook: Sendable {
    typealias Ended = (job: ClaimedJob, outcome: Result<Void, any Error>)

    private struct State {
        var running: [Int64: ClaimedJob] = [:]
        var ended: [Ended] = []
    }

    private let places: Int
    private let state = Mutex(State())

    init(places: Int) { self.places = places }

    func started(_ job: ClaimedJob) {
        state.withLock { $0.running[job.id] = job }
    }

    /// `outcome` nil: shutdown interrupted the job, which is left to its lease.
    func end(_ job: ClaimedJob, _ outcome: Result<Void, any Error>?) {
        state.withLock { state in
            state.running[job.id] = nil
            if let outcome { state.ended.append((job, outcome)) }
        }
    }

    /// Takes the ended jobs to record, with the places free once they are.
    func take() -> (ended: [Ended], free: Int) {
        state.withLock { state in
            defer { state.ended.removeAll() }
            return (state.ended, places - state.running.count)
        }
    }

    /// Ended jobs whose outcome could not be recorded, to try again.
    func putBack(_ ended: [Ended]) {
        state.withLock { $0.ended.insert(contentsOf: ended, at: 0) }
    }

    var running: [ClaimedJob] { state.withLock { Array($0.running.values) } }

    func isRunning(_ job: ClaimedJob) -> Bool { state.withLock { $0.running[job.id] != nil } }

    var isEmpty: Bool { state.withLock { $0.running.isEmpty && $0.ended.isEmpty } }
}

import Synchronization

/// Serialises use of one SQLite connection, so that a transaction's statements never interleave
/// with another task's: SQLite has a single writer, and the connection has a single transaction.
///
/// Not an actor: callers acquire it on the connection's thread, so a release resumes the next
/// holder on that same thread, right after the releasing job, with no thread woken in between. With
/// an actor, each hand-over woke three threads (the actor's, the waiter's, the connection's), and
/// the connection idled meanwhile.
final class SQLiteGate: Sendable {
    private struct State {
        var busy = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    func acquire() async {
        let acquired = state.withLock { state in
            guard state.busy else {
                state.busy = true
                return true
            }
            return false
        }
        if acquired { return }
        await withCheckedContinuation { continuation in
            let now = state.withLock { state in
                guard state.busy else {
                    state.busy = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }

    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.busy = false
                return nil
            }
            // Ownership passes straight to the next waiter, first come first served; `busy` stays true.
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}

import Synchronization

/// Serialises use of one SQLite connection, so that a transaction's statements never interleave
/// with another task's: SQLite has a single writer, and the connection has a single transaction.
///
/// Not an actor: callers acquire it on the connection's thread, so a release resumes the next
/// holder on that same thread, right after the releasing job, with no thread woken in between. With
/// an actor, each hand-over woke three threads (the actor's, the waiter's, the connection's), and
/// the connection idled meanwhile.
final class SQLiteGate: Sendable {
    private struct Waiter {
        let continuation: CheckedContinuation<Void, Never>
        /// It will run a transaction, and may join one left open for it (`passToTransaction`).
        let joinsTransaction: Bool
    }

    private struct State {
        var busy = false
        var waiters: [Waiter] = []
    }

    private let state = Mutex(State())

    /// Waits for the connection; `joinsTransaction` tells that the caller runs a transaction that
    /// can share an open one.
    func acquire(joinsTransaction: Bool = false) async {
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
                state.waiters.append(Waiter(continuation: continuation, joinsTransaction: joinsTransaction))
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
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }

    /// Passes the connection to the next waiter if it runs a transaction that may join the open one;
    /// returns false, and keeps the connection, when nobody waits or the next one may not.
    func passToTransaction() -> Bool {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let first = state.waiters.first, first.joinsTransaction else { return nil }
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
        return next != nil
    }
}

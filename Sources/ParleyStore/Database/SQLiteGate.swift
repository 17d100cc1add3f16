/// Serialises use of the one SQLite connection, so that a transaction's statements never interleave
/// with another task's: SQLite has a single writer, and the connection has a single transaction.
actor SQLiteGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            // Ownership passes straight to the next waiter; `busy` stays true.
            waiters.removeFirst().resume()
        }
    }
}

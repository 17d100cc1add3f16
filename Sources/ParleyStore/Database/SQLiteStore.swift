import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization
import VaporCSQLite

/// Parley's SQLite database: a writing connection and a reading one, each running its statements on
/// a thread of its own, and a third connection that checkpoints the write-ahead log in the background.
///
/// Every use of the writing connection holds `gate`, so one task's transaction never interleaves with
/// another's.
///
/// SQLite's own checkpoint runs inside whichever commit fills the log past a threshold: that commit,
/// and every writer queued behind it, waits for a copy of thousands of pages and two `fsync`s (9 ms
/// at p99 for the commits of a steady 200 a second on this machine's disk, against 0.5 ms without).
/// Here the copying happens beside the writes instead. A log is only reused from its start once a
/// checkpoint has copied all of it before the next commit, which a background checkpoint racing a
/// steady stream of commits rarely manages; so once the log is long, the rest (the pages of the
/// last moments) is copied between two transactions, with the gate held for a few milliseconds.
final class SQLiteStore: Sendable {
    private let handle: SQLiteHandle
    private let checkpointer: SQLiteHandle
    private let thread: SQLiteThread
    private let gate = SQLiteGate()
    /// The transaction left open for the next caller (see `transaction`); read and changed only with
    /// the gate held.
    private let openGroup = Mutex<CommitGroup?>(nil)
    /// A second connection, for reads only, with a thread and a gate of its own: what a page or a
    /// widget reads does not queue behind the writes, and sees every committed one.
    private let reader: SQLiteReader
    private let path: String
    let logger: Logger

    /// Pages the log may grow to before a commit checkpoints it itself: a net, should the background
    /// checkpoint not run (a command that never starts the services) or fall behind.
    private static let commitCheckpointPages = 20_000
    /// Pages (4 KiB each) in the log from which the background checkpoint finishes it between two
    /// transactions, so that the next commit starts the log afresh.
    static let finishCheckpointPages = 8_000

    private init(handle: SQLiteHandle, checkpointer: SQLiteHandle, thread: SQLiteThread, reader: SQLiteReader, path: String, logger: Logger)
    {
        self.path = path
        self.handle = handle
        self.checkpointer = checkpointer
        self.thread = thread
        self.reader = reader
        self.logger = logger
    }

    static func open(path: String, logger: Logger) async throws -> SQLiteStore {
        let thread = SQLiteThread(name: "parley-sqlite")
        let reader = SQLiteReader()
        do {
            let store = try await withTaskExecutorPreference(thread) {
                let handle = try SQLiteHandle(path: path)
                // WAL lets readers in other processes work while one writes (each connection waits for
                // a lock another process holds: `SQLiteHandle` sets the busy timeout).
                for pragma in [
                    "PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-32768",
                    "PRAGMA wal_autocheckpoint=\(commitCheckpointPages)",
                ] {
                    try handle.execute(pragma, []) { _ in }
                }
                let checkpointer = try SQLiteHandle(path: path)
                // A connection learns the database is in WAL mode when it first reads it.
                try checkpointer.execute("PRAGMA journal_mode", []) { _ in }
                return SQLiteStore(handle: handle, checkpointer: checkpointer, thread: thread, reader: reader, path: path, logger: logger)
            }
            return store
        } catch {
            thread.shutdown()
            reader.thread.shutdown()
            throw error
        }
    }

    /// Runs `body`, which only reads, on the reading connection.
    func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(reader.thread) {
            await reader.gate.acquire()
            defer { reader.gate.release() }
            try reader.openIfNeeded(path: path)
            return try await body(SQLiteStatements(store: self, reading: true))
        }
    }

    /// Runs `body` with the connection to itself.
    ///
    /// The body runs on the connection's thread from start to end, so that its statements run there
    /// without a hop each: a chat message is about ten statements, and on two busy cores each pair of
    /// hops (a wake-up of this thread and one of the pool's) cost more than the statement itself.
    func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        // The gate is taken on the connection's thread (see `SQLiteGate`).
        try await withTaskExecutorPreference(thread) {
            await gate.acquire()
            defer { gate.release() }
            return try await body(SQLiteStatements(store: self, reading: false))
        }
    }

    /// Runs `body` in a transaction: all of it is committed, or none of it when `body` throws.
    ///
    /// Transactions that queue for the connection share one commit (group commit): while one runs,
    /// the next ones wait, and when it ends with another waiting, its transaction is left open for
    /// that one, each caller's statements in a savepoint of its own, so a caller that fails undoes
    /// only its own. The last of the group commits, and only then does any of them return. A commit
    /// costs as much as several small transactions' statements (it writes every page they changed to
    /// the log), and pages that several of them changed (an index's, the job queue's) are written once.
    /// A group stays open at most `groupWindow` and `groupLimit` members, so the first one's wait is
    /// bounded; alone, a transaction is committed at once, as before.
    func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(thread) {
            await gate.acquire(joinsTransaction: true)
            let group: CommitGroup
            if let open = openGroup.withLock({ $0 }) {
                group = open
            } else {
                do {
                    try run("BEGIN IMMEDIATE")
                } catch {
                    gate.release()
                    throw error
                }
                group = CommitGroup()
                openGroup.withLock { $0 = group }
            }
            group.members += 1
            // The first member needs no savepoint: undoing it is undoing the transaction.
            let first = group.members == 1
            let outcome: Result<T, any Error>
            do {
                if !first { try run("SAVEPOINT member") }
                let value = try await body(SQLiteStatements(store: self, reading: false))
                if !first { try run("RELEASE member") }
                outcome = .success(value)
            } catch {
                if first {
                    if handle.inTransaction { try? run("ROLLBACK") }
                    finish(group, with: .success(()))
                    gate.release()
                    throw error
                }
                if handle.inTransaction {
                    try? run("ROLLBACK TO member")
                    try? run("RELEASE member")
                }
                outcome = .failure(error)
            }
            guard handle.inTransaction else {
                // SQLite ended the transaction itself (a full disk, an I/O error): the members before
                // this one lost their work too.
                finish(group, with: .failure(SQLiteFailure(code: SQLITE_ABORT, message: "the transaction was rolled back")))
                gate.release()
                return try outcome.get()
            }
            let mayStayOpen = group.members < Self.groupLimit && group.opened.duration(to: .now) < Self.groupWindow
            switch outcome {
            case .success(let value):
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    // Waiting before passing the connection on: the next member could commit before
                    // this one waited otherwise.
                    group.waiting.append(continuation)
                    if mayStayOpen, gate.passToTransaction() { return }
                    commit(group)
                }
                return value
            case .failure(let error):
                if !(mayStayOpen && gate.passToTransaction()) { commit(group) }
                throw error
            }
        }
    }

    /// Runs a statement of the transaction's own (BEGIN, SAVEPOINT, COMMIT…) on the writing connection.
    private func run(_ statement: String) throws {
        try handle.execute(statement, []) { _ in }
    }

    /// Commits the open group, tells its members how it went, and lets the next caller in.
    private func commit(_ group: CommitGroup) {
        do {
            try run("COMMIT")
            finish(group, with: .success(()))
        } catch {
            if handle.inTransaction { try? run("ROLLBACK") }
            finish(group, with: .failure(error))
        }
        gate.release()
    }

    private func finish(_ group: CommitGroup, with result: Result<Void, any Error>) {
        openGroup.withLock { $0 = nil }
        for member in group.waiting { member.resume(with: result) }
        group.waiting.removeAll()
    }

    /// How long a commit group stays open for more members, and how many it takes at most.
    static let groupWindow = Duration.milliseconds(10)
    static let groupLimit = 64

    /// Runs one statement on the connection's thread; the caller holds its gate.
    @concurrent
    fileprivate func execute(
        _ sql: String, _ binds: [SQLiteData], reading: Bool, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) async throws {
        // Inside `read` and `withConnection` the caller is on the connection's thread already; the
        // hop is for a statement from elsewhere (a task the body started).
        if reading {
            if reader.thread.isCurrent { return try reader.execute(sql, binds, onRow) }
            return try await withTaskExecutorPreference(reader.thread) { try reader.execute(sql, binds, onRow) }
        }
        if thread.isCurrent { return try handle.execute(sql, binds, onRow) }
        try await withTaskExecutorPreference(thread) { try handle.execute(sql, binds, onRow) }
    }

    /// Checkpoints the log every `interval` until cancelled.
    func checkpointContinuously(every interval: Duration) async {
        while (try? await Task.sleep(for: interval)) != nil {
            do {
                let (logged, _) = try await NIOThreadPool.singleton.runIfActive { try self.checkpointer.checkpoint() }
                guard logged >= Self.finishCheckpointPages else { continue }
                // Commits went on during that pass; one more beside them leaves only the last moments'
                // pages to copy with the gate held.
                _ = try await NIOThreadPool.singleton.runIfActive { try self.checkpointer.checkpoint() }
                try await finishCheckpoint()
            } catch is CancellationError {
                // The server is stopping; the last connection to close checkpoints the log itself.
                return
            } catch {
                logger.warning("SQLite checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Copies the rest of the log while no transaction runs, so the next commit reuses the log from
    /// its start.
    func finishCheckpoint() async throws {
        _ = try await withTaskExecutorPreference(thread) {
            await gate.acquire()
            defer { gate.release() }
            return try handle.checkpoint()
        }
    }

    func close() async {
        await withTaskExecutorPreference(thread) {
            await gate.acquire()
            handle.close()
            gate.release()
        }
        thread.shutdown()
        await withTaskExecutorPreference(reader.thread) {
            await reader.gate.acquire()
            reader.close()
            reader.gate.release()
        }
        reader.thread.shutdown()
        try? await NIOThreadPool.singleton.runIfActive { self.checkpointer.close() }
    }
}

/// The `SQLDatabase` repositories get on SQLite: SQLKit's queries, run by `SQLiteStore`.
private struct SQLiteStatements: AsyncSQLDatabase {
    let store: SQLiteStore
    let reading: Bool
    private static let encoder = SQLiteDataEncoder()

    var logger: Logger { store.logger }
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        try await store.execute(sql, try binds.map { try Self.encoder.encode($0) }, reading: reading, onRow)
    }
}

/// The reading connection: opened on first use (a command that only writes never opens it), used
/// only on its own thread while its gate is held.
private final class SQLiteReader: @unchecked Sendable {
    let thread = SQLiteThread(name: "parley-sqlite-read")
    let gate = SQLiteGate()
    private var handle: SQLiteHandle?
    private var closed = false

    func openIfNeeded(path: String) throws {
        guard handle == nil else { return }
        guard !closed else { throw SQLiteFailure.closed }
        let opened = try SQLiteHandle(path: path)
        try opened.execute("PRAGMA query_only=ON", []) { _ in }
        handle = opened
    }

    func execute(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteResultRow) -> Void) throws {
        guard let handle else { throw SQLiteFailure.closed }
        try handle.execute(sql, binds, onRow)
    }

    func close() {
        handle?.close()
        closed = true
    }
}

/// The members of one shared transaction (see `SQLiteStore.transaction`). Used only by the holder of
/// the writing connection's gate, on the connection's thread.
private final class CommitGroup: @unchecked Sendable {
    let opened = ContinuousClock.now
    var members = 0
    /// The members whose work succeeded, waiting for the commit.
    var waiting: [CheckedContinuation<Void, any Error>] = []
}

import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

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
private struct SQLiteStatements: SQLDatabase {
    let store: SQLiteStore
    let reading: Bool
    private static let encoder = SQLiteDataEncoder()

    var logger: Logger { store.logger }
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await execute(sql: query, onRow) }
        return promise.futureResult
    }

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

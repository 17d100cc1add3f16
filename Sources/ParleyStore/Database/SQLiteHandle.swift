import Foundation
import NIOCore
import SQLiteNIO
import VaporCSQLite

/// What SQLite said when a statement failed: its extended result code and message.
public struct SQLiteFailure: Error, CustomStringConvertible {
    public let code: Int32
    public let message: String

    /// A row with the same unique or primary key exists already.
    var isDuplicateKey: Bool {
        // SQLITE_CONSTRAINT_UNIQUE and SQLITE_CONSTRAINT_PRIMARYKEY, macros Swift does not import.
        code == 2067 || code == 1555 || (code & 0xff == SQLITE_CONSTRAINT && message.contains("UNIQUE"))
    }

    public var description: String { "SQLite error \(code): \(message)" }

    /// The connection was closed; what reaches it after that fails with this.
    static let closed = SQLiteFailure(code: SQLITE_MISUSE, message: "the database is closed")
}

/// One `sqlite3` connection, its statements prepared once and kept.
///
/// Not thread-safe: it is used only from one thread at a time (the writer's `SQLiteThread`, or the
/// checkpointer's task), which is why it may open the database without SQLite's own mutex.
final class SQLiteHandle: @unchecked Sendable {
    private var db: OpaquePointer?
    /// Parsing is a tenth of a small statement's cost; Parley runs the same few hundred statements.
    private var prepared: [String: Prepared] = [:]
    private static let keptStatements = 500
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(path: String) throws {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite_nio_sqlite3_close(db)
            throw SQLiteFailure(code: status, message: "cannot open \(path): \(message)")
        }
        sqlite_nio_sqlite3_extended_result_codes(db, 1)
        // Before anything else runs on it: even switching to WAL needs a lock another process (a
        // `parley worker`) may hold a moment, and a connection should wait for it rather than fail.
        sqlite_nio_sqlite3_busy_timeout(db, Self.busyTimeoutMilliseconds)
        self.db = db
    }

    private static let busyTimeoutMilliseconds: Int32 = 10_000

    /// Runs one statement (the first of `sql`), handing each row to `onRow`.
    func execute(_ sql: String, _ binds: [SQLiteData], _ onRow: (SQLiteResultRow) -> Void) throws {
        let kept = try statement(for: sql)
        let statement = kept.statement
        defer {
            // Not `sqlite3_clear_bindings`: it marks a statement whose plan depends on a bound value
            // (a LIMIT, a partial index) as expired, so the next run would parse it again; every run
            // binds all its values anyway.
            sqlite_nio_sqlite3_reset(statement)
        }
        for (index, value) in binds.enumerated() {
            try check(bind(value, at: Int32(index + 1), to: statement))
        }
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(status) }
            let names = kept.columns()
            onRow(SQLiteResultRow(columns: names, values: (0..<Int32(names.names.count)).map { value(at: $0, of: statement) }))
        }
    }

    /// Whether a transaction is open: SQLite ends one itself after some errors (a full disk, I/O).
    var inTransaction: Bool {
        db != nil && sqlite_nio_sqlite3_get_autocommit(db) == 0
    }

    /// Copies what the write-ahead log holds into the database file without waiting for anyone;
    /// returns how many pages the log holds, and how many of them are now in the database file.
    @discardableResult
    func checkpoint() throws -> (logged: Int, copied: Int) {
        guard db != nil else { throw SQLiteFailure.closed }
        var logged: Int32 = 0
        var copied: Int32 = 0
        let status = sqlite_nio_sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, &logged, &copied)
        guard status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED else { throw failure(status) }
        return (Int(logged), Int(copied))
    }

    func close() {
        for kept in prepared.values { sqlite_nio_sqlite3_finalize(kept.statement) }
        prepared.removeAll()
        sqlite_nio_sqlite3_close_v2(db)
        db = nil
    }

    deinit {
        if db != nil { close() }
    }

    private func statement(for sql: String) throws -> Prepared {
        guard db != nil else { throw SQLiteFailure.closed }
        if let kept = prepared[sql] { return kept }
        if prepared.count >= Self.keptStatements {
            for kept in prepared.values { sqlite_nio_sqlite3_finalize(kept.statement) }
            prepared.removeAll()
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(db, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK else { throw failure(status) }
        // An empty statement (only a comment) compiles to nothing; there is nothing to run.
        guard let statement else { throw SQLiteFailure(code: SQLITE_MISUSE, message: "no statement in “\(sql)”") }
        let kept = Prepared(statement)
        prepared[sql] = kept
        return kept
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer):
            sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let float):
            sqlite_nio_sqlite3_bind_double(statement, index, float)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let blob):
            blob.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        case .null:
            sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func value(at column: Int32, of statement: OpaquePointer) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT:
            return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        case SQLITE_BLOB:
            let length = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: length)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: length))
            }
            return .blob(buffer)
        default:
            return .null
        }
    }

    private func check(_ status: Int32) throws {
        guard status == SQLITE_OK else { throw failure(status) }
    }

    private func failure(_ status: Int32) -> SQLiteFailure {
        SQLiteFailure(code: sqlite_nio_sqlite3_extended_errcode(db), message: String(cString: sqlite_nio_sqlite3_errmsg(db)))
    }
}

/// A prepared statement and the names of its result's columns, read once: a conversation's row has
/// thirty, and reading them at every run cost as much as the run.
private final class Prepared {
    let statement: OpaquePointer
    private var names: SQLiteColumnIndex?
    private var preparedAgain: Int32 = 0

    init(_ statement: OpaquePointer) {
        self.statement = statement
    }

    /// The columns of the current row. SQLite prepares a statement again when the schema changed
    /// (a migration), and then a `SELECT *` may name other columns than it did.
    func columns() -> SQLiteColumnIndex {
        let count = sqlite_nio_sqlite3_stmt_status(statement, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let names, count == preparedAgain { return names }
        let read = SQLiteColumnIndex(statement)
        names = read
        preparedAgain = count
        return read
    }
}

/// The names of a result's columns; the first of two equal names wins, as in SQLiteNIO.
final class SQLiteColumnIndex: Sendable {
    let names: [String]
    let positions: [String: Int]

    init(_ statement: OpaquePointer) {
        let count = sqlite_nio_sqlite3_column_count(statement)
        names = (0..<count).map { column in sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? "" }
        positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit
import SQLiteKit
import SQLiteNIO
import ServiceLifecycle

/// The one database of a Parley installation, on SQLite or PostgreSQL, with the same API for both.
///
/// Repositories receive the `any SQLDatabase` handed to `withConnection` or `transaction`, never the
/// `ParleyDatabase` itself, so a use case decides where its transaction begins and ends.
///
/// ```swift
/// try await ParleyDatabase.withOpened(.sqlite(path: "parley.sqlite"), logger: logger) { database in
///     try await database.transaction { sql in try await CustomerRepository(sql).… }
/// }
/// ```
public final class ParleyDatabase: Sendable, Service {
    public enum Backend: String, Sendable {
        case sqlite, postgres
    }

    private enum Storage: Sendable {
        case sqlite(SQLiteStore)
        case postgres(PostgresClient)
    }

    public let backend: Backend
    /// Signalled after every commit that enqueued a job, so idle workers of this process start it
    /// at once instead of at their next poll.
    public let jobSignal = JobSignal()
    private let storage: Storage
    private let logger: Logger

    private init(storage: Storage, logger: Logger) {
        self.storage = storage
        self.logger = logger
        switch storage {
        case .sqlite: backend = .sqlite
        case .postgres: backend = .postgres
        }
    }

    /// Opens the database. PostgreSQL connections are made only while `run()` is active.
    public static func open(_ location: DatabaseLocation, logger: Logger) async throws -> ParleyDatabase {
        switch location {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            return ParleyDatabase(storage: .sqlite(try await SQLiteStore.open(path: path, logger: logger)), logger: logger)
        case .postgres(let server):
            let client = PostgresClient(configuration: try server.clientConfiguration(), backgroundLogger: logger)
            return ParleyDatabase(storage: .postgres(client), logger: logger)
        }
    }

    /// Opens the database, runs `body` with it, and closes it again: for commands and tests.
    public static func withOpened<T: Sendable>(
        _ location: DatabaseLocation, logger: Logger, _ body: @Sendable (ParleyDatabase) async throws -> T
    ) async throws -> T {
        // The body's first query may be queued a moment before the pool's task starts, which the
        // PostgreSQL client reports as a warning; for a short-lived command only its errors matter.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let database = try await open(location, logger: quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await database.run() }
            defer { group.cancelAll() }
            return try await body(database)
        }
    }

    /// Keeps the PostgreSQL pool working until cancelled or shut down gracefully, then closes the database.
    public func run() async throws {
        switch storage {
        case .postgres(let client):
            await cancelWhenGracefulShutdown { await client.run() }
        case .sqlite(let store):
            // Checkpoints until graceful shutdown or cancellation; the connection outlives every other service.
            await cancelWhenGracefulShutdown { await store.checkpointContinuously(every: .milliseconds(250)) }
            await store.close()
        }
    }

    /// Closes a database whose `run()` was never started (start-up failed before the services ran).
    public func close() async throws {
        if case .sqlite(let store) = storage { await store.close() }
    }

    /// Runs `body` on one connection, outside any explicit transaction.
    public func withConnection<T: Sendable>(_ body: (DatabaseSession) async throws -> T) async throws -> T {
        try await noting { effects in
            switch storage {
            case .sqlite(let store):
                return try await store.withConnection { sql in
                    try await TransactionEffects.$current.withValue(effects) { try await body(DatabaseSession(sql)) }
                }
            case .postgres(let client):
                return try await client.withConnection { connection in
                    try await TransactionEffects.$current.withValue(effects) {
                        try await body(DatabaseSession(PostgresStatements(connection: connection, logger: logger)))
                    }
                }
            }
        }
    }

    /// Runs `body` with a record of its effects, and wakes the workers if it committed a job.
    private func noting<T: Sendable>(_ body: (TransactionEffects) async throws -> T) async throws -> T {
        let effects = TransactionEffects()
        let result = try await body(effects)
        if effects.enqueuedJobs { jobSignal.signal() }
        return result
    }

    /// Runs `body`, which only reads, outside any explicit transaction. On SQLite it runs on a
    /// connection of its own beside the writing one, so reads never queue behind writes; it sees
    /// everything committed before it began.
    public func read<T: Sendable>(_ body: (DatabaseSession) async throws -> T) async throws -> T {
        switch storage {
        case .sqlite(let store):
            return try await store.read { sql in try await body(DatabaseSession(sql)) }
        case .postgres:
            return try await withConnection(body)
        }
    }

    /// Runs `body` in one transaction: all of it is committed, or none of it when `body` throws.
    ///
    /// On SQLite the transaction begins `IMMEDIATE`, taking the write lock at once, so two processes
    /// never both read a row they then both update (the job queue's claim depends on this).
    public func transaction<T: Sendable>(_ body: (DatabaseSession) async throws -> T) async throws -> T {
        try await noting { effects in
            switch storage {
            case .sqlite(let store):
                return try await store.transaction { sql in
                    try await TransactionEffects.$current.withValue(effects) { try await body(DatabaseSession(sql)) }
                }
            case .postgres(let client):
                // A deadlock or a serialization failure rolls back a transaction that did nothing
                // wrong: PostgreSQL asks for it to be run again, and it is, a few times.
                for attempt in 1... {
                    do {
                        return try await client.withTransaction(logger: logger) { connection in
                            try await TransactionEffects.$current.withValue(effects) {
                                try await body(DatabaseSession(PostgresStatements(connection: connection, logger: logger)))
                            }
                        }
                    } catch let error as PostgresTransactionError {
                        // Rolled back cleanly: callers see their own error (a conflict, a missing row), as on SQLite.
                        guard let closureError = error.closureError, error.rollbackError == nil else { throw error }
                        if attempt < Self.transactionAttempts, Self.isTransient(closureError) { continue }
                        throw closureError
                    }
                }
                preconditionFailure("the attempts above return or throw")
            }
        }
    }

    /// How often a PostgreSQL transaction is tried when it meets a deadlock or a serialization failure.
    static let transactionAttempts = 4

    /// SQLSTATE 40P01 (deadlock detected) and 40001 (serialization failure): the transaction lost a
    /// race and would succeed run again.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    /// Throws unless the database answers a trivial query (the health check).
    public func ping() async throws {
        try await withConnection { session in try await session.sql.raw("SELECT 1").run() }
    }

    /// Leases a PostgreSQL connection for as long as `body` runs (LISTEN needs one of its own).
    func withPostgresConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T? {
        guard case .postgres(let client) = storage else { return nil }
        return try await client.withConnection { try await body($0) }
    }
}

extension PostgresLocation {
    func clientConfiguration() throws -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch self.tls {
        case .disable:
            tls = .disable
        case .prefer, .require:
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            tls = self.tls == .prefer ? .prefer(configuration) : .require(configuration)
        case .verifyFull:
            tls = .require(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(
            host: host, port: port, username: username, password: password, database: database, tls: tls)
    }
}

import ArgumentParser
import Foundation
import Logging
import ParleyCore
import ParleyStore

/// Where the data is, from flags or `PARLEY_*` environment variables; shared by every command.
struct StoreOptions: ParsableArguments {
    @Option(help: "Folder for the embedded SQLite database [env: PARLEY_DATA_DIR] (default: ./parley-data)")
    var dataDir: String?

    @Option(help: "postgres://user:pass@host:port/db?sslmode=… for PostgreSQL; SQLite when absent [env: PARLEY_DATABASE_URL]")
    var databaseURL: String?

    func location() throws -> DatabaseLocation {
        let environment = ProcessInfo.processInfo.environment
        return try DatabaseLocation(
            url: databaseURL ?? environment["PARLEY_DATABASE_URL"],
            dataDirectory: dataDir ?? environment["PARLEY_DATA_DIR"] ?? "./parley-data")
    }

    /// Opens and migrates the database, then runs `body` with it.
    func withMigratedDatabase<T: Sendable>(_ body: @Sendable (ParleyDatabase) async throws -> T) async throws -> T {
        let logger = Logger.parley
        return try await ParleyDatabase.withOpened(try location(), logger: logger) { database in
            try await Migrator(database: database, logger: logger).migrate()
            return try await body(database)
        }
    }
}

extension Logger {
    /// The process's logger; `PARLEY_LOG_LEVEL` (trace … critical) sets its level.
    static var parley: Logger {
        var logger = Logger(label: "parley")
        logger.logLevel = ProcessInfo.processInfo.environment["PARLEY_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return logger
    }
}

import Foundation
import Logging
import ParleyCore
import ParleyStore
import SQLKit

/// A database kind a test runs on: SQLite always, PostgreSQL when `PARLEY_TEST_POSTGRES_URL` names a
/// server (CI sets it). Use as `@Test(arguments: TestDatabase.available)`.
public enum TestDatabase: Sendable, CustomStringConvertible {
    case sqlite
    case postgres(url: String)

    public static var available: [TestDatabase] {
        var kinds: [TestDatabase] = [.sqlite]
        if let url = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"], !url.isEmpty {
            kinds.append(.postgres(url: url))
        }
        return kinds
    }

    /// PostgreSQL only, for tests of what only PostgreSQL does (LISTEN/NOTIFY across nodes).
    public static var postgres: [TestDatabase] {
        available.filter { if case .postgres = $0 { true } else { false } }
    }

    public var description: String {
        switch self {
        case .sqlite: "SQLite"
        case .postgres: "PostgreSQL"
        }
    }

    /// Creates an empty, migrated database of this kind, runs `body` with it, then drops it.
    /// `through` migrates only so far (an older schema, to test a later step on rows written before it).
    public func withFresh<T: Sendable>(
        through migrations: [Migration] = Migration.all, _ body: @Sendable (ParleyDatabase, DatabaseLocation) async throws -> T
    ) async throws -> T {
        let logger = Logger(label: "parley-test")
        let name = "parley_test_" + OpaqueToken.make(prefix: "", length: 12).lowercased()
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(name)
            defer { try? FileManager.default.removeItem(at: directory) }
            let location = DatabaseLocation.sqlite(path: directory.appendingPathComponent("parley.sqlite").path)
            return try await Self.run(location, migrations: migrations, logger: logger, body)
        case .postgres(let url):
            let admin = try DatabaseLocation(url: url, dataDirectory: "")
            guard case .postgres(var server) = admin else { preconditionFailure("not a PostgreSQL URL") }
            // The template is migrated all the way; an older schema starts from PostgreSQL's own.
            let template =
                migrations.count == Migration.all.count
                ? try await PostgresTemplate.name(admin: admin, server: server, logger: logger) : "template0"
            try await ParleyDatabase.withOpened(admin, logger: logger) { database in
                try await database.withConnection { session in
                    try await session.sql.raw("CREATE DATABASE \(unsafeRaw: name) TEMPLATE \(unsafeRaw: template)").run()
                }
            }
            server.database = name
            do {
                let result = try await Self.run(.postgres(server), migrations: migrations, logger: logger, body)
                try await Self.drop(name, admin: admin, logger: logger)
                return result
            } catch {
                try? await Self.drop(name, admin: admin, logger: logger)
                throw error
            }
        }
    }

    private static func run<T: Sendable>(
        _ location: DatabaseLocation, migrations: [Migration], logger: Logger,
        _ body: @Sendable (ParleyDatabase, DatabaseLocation) async throws -> T
    ) async throws -> T {
        try await ParleyDatabase.withOpened(location, logger: logger) { database in
            try await Migrator(database: database, logger: logger).migrate(migrations)
            return try await body(database, location)
        }
    }

    private static func drop(_ name: String, admin: DatabaseLocation, logger: Logger) async throws {
        try await ParleyDatabase.withOpened(admin, logger: logger) { database in
            try await database.withConnection { session in
                try await session.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            }
        }
    }
}

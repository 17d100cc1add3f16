import Foundation
import Logging
import ParleyCore
import ParleyStore
import SQLKit
import Synchronization

/// One migrated PostgreSQL database per test process, which every fresh test database copies.
///
/// Migrating each of a hundred test databases at once took the server more than a minute and a
/// half on two cores, long enough for a test's time limit to run out before its first step; a
/// copy of a migrated database takes a moment. The migrations themselves still run on every fresh
/// database (and find nothing to do), so a missing step is still caught.
enum PostgresTemplate {
    private static let made = Mutex<[String: Task<String, any Error>]>([:])

    /// The template's name on the server at `admin`, made the first time it is asked for.
    static func name(admin: DatabaseLocation, server: PostgresLocation, logger: Logger) async throws -> String {
        let key = "\(server.host):\(server.port)"
        let task = made.withLock { tasks in
            if let task = tasks[key] { return task }
            let task = Task { try await make(admin: admin, server: server, logger: logger) }
            tasks[key] = task
            return task
        }
        return try await task.value
    }

    private static func make(admin: DatabaseLocation, server: PostgresLocation, logger: Logger) async throws -> String {
        // Each process makes its own: another test process may be running against an older build.
        let name = "parley_template_" + OpaqueToken.make(prefix: "", length: 12).lowercased()
        try await ParleyDatabase.withOpened(admin, logger: logger) { database in
            try await database.withConnection { session in try await session.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        }
        var template = server
        template.database = name
        try await ParleyDatabase.withOpened(.postgres(template), logger: logger) { database in
            _ = try await Migrator(database: database, logger: logger).migrate()
        }
        // Nobody may connect to it any more: PostgreSQL copies only a database nobody is using.
        try await ParleyDatabase.withOpened(admin, logger: logger) { database in
            try await database.withConnection { session in
                try await session.sql.raw("ALTER DATABASE \(unsafeRaw: name) WITH IS_TEMPLATE true ALLOW_CONNECTIONS false").run()
            }
        }
        return name
    }
}

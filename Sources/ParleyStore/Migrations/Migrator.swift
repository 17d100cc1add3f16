import Foundation
import Logging
import ParleyCore
import SQLKit

/// Brings a database up to the newest schema; safe to run from several nodes at once.
public struct Migrator: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let logger: Logger

    public init(database: ParleyDatabase, clock: any WallClock = SystemWallClock(), logger: Logger) {
        self.database = database
        self.clock = clock
        self.logger = logger
    }

    /// Applies every step not yet applied, each in its own transaction; returns the ids applied now.
    @discardableResult
    public func migrate(_ migrations: [Migration] = Migration.all) async throws -> [String] {
        let backend = database.backend
        try await database.withConnection { session in
            let sql = session.sql
            try await sql.raw(
                "CREATE TABLE IF NOT EXISTS parley_migrations (id TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
            ).run()
        }
        var applied: [String] = []
        for migration in migrations {
            let didApply = try await database.transaction { session in
                let sql = session.sql
                // Two nodes starting together: the second waits here, then finds the step applied.
                if let lock = backend.exclusiveLock(key: 0x7061_726c_6579) {
                    try await sql.raw(lock).run()
                }
                let done = try await sql.raw("SELECT id FROM parley_migrations WHERE id = \(bind: migration.id)").first()
                guard done == nil else { return false }
                for statement in migration.statements(for: backend) {
                    try await sql.raw(SQLQueryString(statement)).run()
                }
                try await migration.backfill?(sql)
                try await sql.raw(
                    "INSERT INTO parley_migrations (id, applied_at) VALUES (\(bind: migration.id), \(bind: clock.now()))"
                ).run()
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["migration": "\(migration.id)"])
                applied.append(migration.id)
            }
        }
        return applied
    }
}

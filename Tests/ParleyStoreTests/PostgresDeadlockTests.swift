import Foundation
import ParleyStore
import ParleyTestSupport
import SQLKit
import Synchronization
import Testing

/// Two transactions that take the same rows in opposite orders deadlock on PostgreSQL, which then
/// rolls one back: that one is run again, and both commit (a request answered 500 before).
@Suite("PostgreSQL deadlocks", .timeLimit(.minutes(1)))
struct PostgresDeadlockTests {
    @Test("a transaction that loses a deadlock is run again; both transactions' work is kept", arguments: TestDatabase.postgres)
    func retried(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            try await database.withConnection { session in
                try await session.sql.raw("CREATE TABLE pair (id BIGINT PRIMARY KEY, n BIGINT NOT NULL)").run()
                try await session.sql.raw("INSERT INTO pair (id, n) VALUES (1, 0), (2, 0)").run()
            }
            let runs = Runs()
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await Self.cross(database, 1, 2, runs) }
                group.addTask { try await Self.cross(database, 2, 1, runs) }
                try await group.waitForAll()
            }
            let counts = try await database.withConnection { session in
                try await session.sql.raw("SELECT n FROM pair ORDER BY id").all().map { try $0.decode(column: "n", as: Int.self) }
            }
            #expect(counts == [2, 2])
            #expect(runs.count.withLock { $0 } == 3, "the loser ran twice")
        }
    }

    final class Runs: Sendable {
        let count = Mutex(0)
    }

    static func cross(_ database: ParleyDatabase, _ first: Int, _ second: Int, _ runs: Runs) async throws {
        try await database.transaction { session in
            runs.count.withLock { $0 += 1 }
            try await session.sql.raw("UPDATE pair SET n = n + 1 WHERE id = \(bind: first)").run()
            // Long enough for the other transaction to take its first row.
            try await Task.sleep(for: .milliseconds(300))
            try await session.sql.raw("UPDATE pair SET n = n + 1 WHERE id = \(bind: second)").run()
        }
    }
}

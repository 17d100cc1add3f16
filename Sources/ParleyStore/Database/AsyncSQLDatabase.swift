import Logging
import NIOCore
import SQLKit

/// An `SQLDatabase` that runs statements only through `async` code: Parley's own connections to
/// SQLite and PostgreSQL. SQLKit's future-based entry point is answered from the async one, and
/// neither logs statements (a statement's values may be a customer's data).
protocol AsyncSQLDatabase: SQLDatabase {}

extension AsyncSQLDatabase {
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await execute(sql: query, onRow) }
        return promise.futureResult
    }
}

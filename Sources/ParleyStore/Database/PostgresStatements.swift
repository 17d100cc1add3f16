import Foundation
import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit

/// The `SQLDatabase` repositories get on PostgreSQL: SQLKit's queries on one connection, with rows
/// read directly for the column types nearly every read asks for.
///
/// PostgresKit reads every value through a general path: a coding key formatted for each cell and a
/// dynamic cast to find the type's own decoder. A profile of email filing on PostgreSQL gave a third
/// of the server's time to building statements and reading rows, against a fifth on SQLite, whose
/// rows Parley reads itself (`SQLiteResultRow`). Binds are encoded as PostgresKit encodes them; a
/// statement with a bind of another kind, and a column of another type, go through PostgresKit.
struct PostgresStatements: SQLDatabase {
    let connection: PostgresConnection
    let logger: Logger

    var eventLoop: any EventLoop { connection.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { PostgresDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        var bindings = PostgresBindings(capacity: binds.count)
        for bind in binds {
            if Self.isNil(bind) {
                bindings.appendNull()
            } else if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
                try bindings.append(value)
            } else {
                return try await connection.sql().execute(sql: query, onRow)
            }
        }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
        for try await row in rows { onRow(PostgresResultRow(row)) }
    }

    /// Whether a bind is an optional without a value (the existential opened, as PostgresKit does).
    private static func isNil<T>(_ value: T) -> Bool { (value as Any?) == nil }
}

/// A row a statement returned on PostgreSQL.
struct PostgresResultRow: SQLRow {
    let row: PostgresRow
    let cells: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row
        self.cells = row.makeRandomAccess()
    }

    private struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column “\(column)” in the result" }
    }

    var allColumns: [String] { cells.map(\.columnName) }

    func contains(column: String) -> Bool { cells.contains(column) }

    func decodeNil(column: String) throws -> Bool {
        !cells.contains(column) || cells[column].bytes == nil
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard cells.contains(column) else { throw MissingColumn(column: column) }
        let cell = cells[column]
        if let value = try Self.direct(cell, as: D.self) { return value }
        return try row.sql().decode(column: column, as: D.self)
    }

    /// The types PostgresNIO decodes itself, as PostgresKit would have them decoded; nil leaves any
    /// other type to PostgresKit.
    private static func direct<D>(_ cell: PostgresCell, as type: D.Type) throws -> D? {
        if D.self == String.self { return try cell.decode(String.self) as? D }
        if D.self == Int64.self { return try cell.decode(Int64.self) as? D }
        if D.self == Int.self { return try cell.decode(Int.self) as? D }
        if D.self == Date.self { return try cell.decode(Date.self) as? D }
        if D.self == Bool.self { return try cell.decode(Bool.self) as? D }
        if D.self == Double.self { return try cell.decode(Double.self) as? D }
        let null = cell.bytes == nil
        if D.self == String?.self { return (null ? nil : try cell.decode(String.self)) as String? as? D }
        if D.self == Int64?.self { return (null ? nil : try cell.decode(Int64.self)) as Int64? as? D }
        if D.self == Int?.self { return (null ? nil : try cell.decode(Int.self)) as Int? as? D }
        if D.self == Date?.self { return (null ? nil : try cell.decode(Date.self)) as Date? as? D }
        if D.self == Bool?.self { return (null ? nil : try cell.decode(Bool.self)) as Bool? as? D }
        if D.self == Double?.self { return (null ? nil : try cell.decode(Double.self)) as Double? as? D }
        return nil
    }
}

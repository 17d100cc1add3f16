import Logging
import NIOCore
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// A PostgreSQL connection that runs Parley's statements as named prepared statements: each distinct
/// statement is parsed and planned once per connection, then only bound and executed.
///
/// Parley runs the same few hundred statements again and again; sent unnamed, as PostgresKit sends
/// them, PostgreSQL parsed and planned every one anew, and that was most of the database's CPU when
/// filing mail and taking order events. A statement is prepared per text and per the types of its
/// values (a NULL counts as a type of its own): PostgreSQL infers a NULL parameter's type from
/// where it stands, and a later value of another type must not meet that inference. Statements
/// other than queries and changes (DDL, `SET`, `LOCK`), values PostgresNIO cannot bind directly, and
/// texts beyond the first `maximumStatements` run unnamed, as before.
struct PostgresStatements: AsyncSQLDatabase {
    let connection: PostgresConnection
    let logger: Logger

    /// Names of the statements prepared so far, by text and value types, for every connection of
    /// the process; a connection prepares a name the first time it runs it.
    private static let registry = Mutex(Registry())

    private struct Registry {
        var names: [String: String] = [:]
        /// The last name given: a name is never given twice, even to a statement prepared afresh.
        var serial = 0
    }
    /// Bounds what each connection keeps on the server: statements with lists of every length could
    /// otherwise grow without end.
    static let maximumStatements = 2_000

    var eventLoop: any EventLoop { connection.eventLoop }
    var dialect: any SQLDialect { PostgresDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let (sql, binds) = serialize(query)
        guard let (bindings, types) = Self.bindings(binds), let name = Self.name(sql: sql, types: types) else {
            try await connection.sql(queryLogLevel: nil, logger: logger).execute(sql: query, onRow)
            return
        }
        do {
            try await Statement.$current.withValue(Statement.Current(name: name, sql: sql)) {
                for try await row in try await connection.execute(Statement(bindings: bindings), logger: logger) {
                    onRow(row.sql())
                }
            }
        } catch let error as PSQLError {
            // PostgresNIO keeps a failed preparation as the statement's outcome for the life of the
            // connection, and PostgreSQL refuses a statement whose table changed under it: whatever
            // failed other than the data (a constraint, a conflict with another transaction), the
            // statement is prepared afresh under a new name next time.
            let sqlState = error.serverInfo?[.sqlState] ?? ""
            if !sqlState.hasPrefix("23") && !sqlState.hasPrefix("40") { Self.forget(sql: sql, types: types) }
            throw error
        }
    }

    private static func forget(sql: String, types: [UInt32]) {
        _ = registry.withLock { $0.names.removeValue(forKey: key(sql: sql, types: types)) }
    }

    private static func key(sql: String, types: [UInt32]) -> String {
        sql + "\u{0}" + types.map(String.init).joined(separator: ",")
    }

    /// The values as PostgresNIO binds them, with their types (0 for a NULL), or nil when one needs
    /// PostgresKit's slower encoding.
    private static func bindings(_ binds: [any Encodable & Sendable]) -> (bindings: PostgresBindings, types: [UInt32])? {
        var bindings = PostgresBindings(capacity: binds.count)
        var types: [UInt32] = []
        for bind in binds {
            if (bind as Any?).isNilValue {
                bindings.appendNull()
                types.append(0)
            } else if let value = bind as? any PostgresThrowingDynamicTypeEncodable {
                guard (try? bindings.append(value, context: .default)) != nil else { return nil }
                types.append(value.psqlType.rawValue)
            } else {
                return nil
            }
        }
        return (bindings, types)
    }

    /// The statement's name, chosen the first time its text meets these value types; nil for what
    /// runs unnamed.
    private static func name(sql: String, types: [UInt32]) -> String? {
        let verb = sql.drop(while: \.isWhitespace).prefix(while: \.isLetter).uppercased()
        guard ["SELECT", "INSERT", "UPDATE", "DELETE", "WITH"].contains(verb) else { return nil }
        let key = key(sql: sql, types: types)
        return registry.withLock { registry in
            if let name = registry.names[key] { return name }
            guard registry.names.count < maximumStatements else { return nil }
            registry.serial += 1
            let name = "parley_\(registry.serial)"
            registry.names[key] = name
            return name
        }
    }

    /// PostgresNIO prepares statements by type; this one type carries whichever statement the
    /// current task runs, named and worded by a task-local value read as the statement is sent.
    private struct Statement: PostgresPreparedStatement {
        struct Current: Sendable {
            var name: String
            var sql: String
        }

        @TaskLocal static var current = Current(name: "", sql: "")
        static var name: String { current.name }
        static var sql: String { current.sql }

        let bindings: PostgresBindings

        func makeBindings() throws -> PostgresBindings { bindings }
        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }
}

extension Optional {
    /// Whether this is `nil`, however deeply an optional was wrapped into `Any`.
    fileprivate var isNilValue: Bool {
        switch self {
        case .none: true
        case .some(let wrapped): (wrapped as? any OptionalValue)?.isNone ?? false
        }
    }
}

private protocol OptionalValue {
    var isNone: Bool { get }
}

extension Optional: OptionalValue {
    var isNone: Bool { self == nil }
}

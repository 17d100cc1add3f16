import SQLKit

/// What a use case holds while it works with the database: one transaction, or one connection for
/// reads. Repositories are made from it (`OrderRepository(session)`); the SQL itself stays in
/// ParleyStore, which is why ParleyServices needs no SQLKit.
public struct DatabaseSession: Sendable {
    /// The connection, for ParleyStore's repositories and for tests that look at rows directly.
    public let sql: any SQLDatabase

    init(_ sql: any SQLDatabase) { self.sql = sql }
}

/// A repository: SQL over one aggregate's tables, made from a session.
public protocol SQLRepository {
    init(_ sql: any SQLDatabase)
}

extension SQLRepository {
    public init(_ session: DatabaseSession) { self.init(session.sql) }
}

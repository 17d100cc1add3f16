import Foundation

/// One forward-only step of the schema. Steps are never edited once released: a change is a new step.
///
/// Statements are shared by both databases; `$ID` stands for the dialect's BIGINT identity key and
/// `$BLOB` for its byte type. Timestamps are `TIMESTAMPTZ` (PostgreSQL) and stored by SQLite as the
/// REAL seconds since 1970 that its driver binds for a `Date`.
public struct Migration: Sendable {
    public let id: String
    public let statements: [String]

    public init(id: String, statements: [String]) {
        self.id = id
        self.statements = statements
    }

    /// Every step, in the order it is applied.
    public static let all: [Migration] = [.foundation, .orderUpdates, .messages, .inbox, .inboxLimits, .suppressions]

    func statements(for backend: ParleyDatabase.Backend) -> [String] {
        statements.map {
            $0.replacingOccurrences(of: "$ID", with: backend.identityColumn)
                .replacingOccurrences(of: "$BLOB", with: backend.blobType)
        }
    }
}

import Foundation
import ParleyStore
import SQLKit

/// A look at a table's rows, for tests that must prove what was stored (or that nothing was)
/// without a repository that would hide it.
public enum DatabaseRows {
    /// How many rows `table` holds.
    public static func count(_ table: String, in database: ParleyDatabase) async throws -> Int {
        try await database.withConnection { session in
            try await session.sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// `columns` of each row of `table` in the order written, joined by a space; NULL as `nil`.
    public static func text(_ columns: [String], of table: String, in database: ParleyDatabase) async throws -> [String] {
        try await database.withConnection { session in
            try await session.sql.raw("SELECT * FROM \(ident: table) ORDER BY id").all().map { row in
                try columns.map { try row.decode(column: $0, as: String?.self) ?? "nil" }.joined(separator: " ")
            }
        }
    }
}

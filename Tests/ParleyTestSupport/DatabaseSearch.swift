import Foundation
import ParleyStore
import SQLKit

/// Looks through every row of every table for any of a set of words, in text and in bytes: the
/// proof that erased personal data is gone from the whole database, not only from the tables a
/// test thought of.
public enum DatabaseSearch {
    /// `table.column` for every value holding one of `needles`, compared without case.
    public static func occurrences(of needles: [String], in database: ParleyDatabase) async throws -> [String] {
        let wanted = needles.map { $0.lowercased() }
        return try await database.withConnection { session in
            let tables: [String] =
                switch database.backend {
                case .sqlite:
                    try await session.sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all()
                        .map { try $0.decode(column: "name", as: String.self) }
                case .postgres:
                    try await session.sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").all()
                        .map { try $0.decode(column: "table_name", as: String.self) }
                }
            var found: [String] = []
            for table in tables.sorted() {
                for row in try await session.sql.raw("SELECT * FROM \(ident: table)").all() {
                    for column in row.allColumns {
                        let text: String
                        // NULLs and numbers decode as neither, and hold no words.
                        if let value = try? row.decode(column: column, as: String.self) {
                            text = value
                        } else if let value = try? row.decode(column: column, as: Data.self) {
                            text = String(decoding: value, as: UTF8.self)
                        } else {
                            continue
                        }
                        let lowered = text.lowercased()
                        for needle in wanted where lowered.contains(needle) { found.append("\(table).\(column) holds \(needle)") }
                    }
                }
            }
            return found
        }
    }
}

import SQLKit
import SQLiteKit
import SQLiteNIO

/// A row a statement returned, read through SQLKit as SQLiteKit reads its own.
struct SQLiteResultRow: SQLRow {
    let columns: SQLiteColumnIndex
    let values: [SQLiteData]
    /// One for every row: a decoder makes a `JSONDecoder`, which is not cheap.
    private static let decoder = SQLiteDataDecoder()

    private struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column “\(column)” in the result" }
    }

    var allColumns: [String] { columns.names }

    func contains(column: String) -> Bool { columns.positions[column] != nil }

    func decodeNil(column: String) throws -> Bool {
        guard let position = columns.positions[column] else { return true }
        return values[position] == .null
    }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let position = columns.positions[column] else { throw MissingColumn(column: column) }
        return try Self.decoder.decode(D.self, from: values[position])
    }
}

import Foundation
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
        if let value = Self.direct(values[position], as: D.self) { return value }
        return try Self.decoder.decode(D.self, from: values[position])
    }

    /// The column types nearly every read asks for, converted as SQLiteNIO converts them. SQLiteKit's
    /// decoder first asks whether the type converts itself (a dynamic cast) and reads an optional
    /// through a decoder object it allocates: that was most of the time a row of thirty columns took.
    /// Nil leaves the value to that decoder (another type, or a value these do not convert).
    private static func direct<D>(_ value: SQLiteData, as type: D.Type) -> D? {
        switch value {
        case .text(let text):
            if D.self == String.self { return text as? D }
            if D.self == String?.self { return String?.some(text) as? D }
        case .integer(let integer):
            if D.self == Int64.self { return Int64(integer) as? D }
            if D.self == Int64?.self { return Int64?.some(Int64(integer)) as? D }
            if D.self == Int.self { return integer as? D }
            if D.self == Int?.self { return Int?.some(integer) as? D }
            if D.self == Bool.self, integer == 0 || integer == 1 { return (integer == 1) as? D }
            if D.self == Bool?.self, integer == 0 || integer == 1 { return Bool?.some(integer == 1) as? D }
            if D.self == Double.self { return Double(integer) as? D }
            if D.self == Date.self { return date(Double(integer)) as? D }
            if D.self == Date?.self { return Date?.some(date(Double(integer))) as? D }
        case .float(let float):
            if D.self == Double.self { return float as? D }
            if D.self == Double?.self { return Double?.some(float) as? D }
            if D.self == Date.self { return date(float) as? D }
            if D.self == Date?.self { return Date?.some(date(float)) as? D }
        case .null:
            if D.self == String?.self { return String?.none as? D }
            if D.self == Int64?.self { return Int64?.none as? D }
            if D.self == Int?.self { return Int?.none as? D }
            if D.self == Bool?.self { return Bool?.none as? D }
            if D.self == Double?.self { return Double?.none as? D }
            if D.self == Date?.self { return Date?.none as? D }
        case .blob:
            break
        }
        return nil
    }

    /// As SQLiteNIO reads a date: rounded to the microsecond, so that a date read back equals the one
    /// written.
    private static func date(_ secondsSince1970: Double) -> Date {
        Date(timeIntervalSinceReferenceDate: (((secondsSince1970 - Date.timeIntervalBetween1970AndReferenceDate) * 1e6).rounded()) / 1e6)
    }
}

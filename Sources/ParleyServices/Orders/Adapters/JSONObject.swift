import Foundation

/// Any JSON value, told apart exactly (a `true` is never the number 1); read by `JSONValueParser`.
enum JSONValue: Equatable {
    case string(String), bool(Bool), integer(Int64), number(Double), array([JSONValue]), object([String: JSONValue]), null
}

/// Tolerant reading of platform JSON: ids come as numbers or strings, absent and null are alike.
struct JSONObject {
    let values: [String: JSONValue]

    init(_ values: [String: JSONValue]) { self.values = values }

    init(data: Data) throws {
        guard case .object(let object) = try? JSONValueParser.parse(Array(data)) else {
            throw InvalidInput(field: "body", reason: "expected a JSON object")
        }
        values = object
    }

    /// A string, or a number written as one (ids).
    func string(_ key: String) -> String? {
        switch values[key] {
        case .string(let text): text.isEmpty ? nil : text
        case .integer(let number): String(number)
        case .number(let number): String(number)
        default: nil
        }
    }

    func int(_ key: String) -> Int? {
        if case .integer(let number) = values[key] { return Int(exactly: number) }
        return string(key).flatMap { Int($0) }
    }

    func bool(_ key: String) -> Bool? {
        if case .bool(let flag) = values[key] { return flag }
        return nil
    }

    func object(_ key: String) -> JSONObject? {
        if case .object(let object) = values[key] { return JSONObject(object) }
        return nil
    }

    func objects(_ key: String) -> [JSONObject] {
        guard case .array(let items) = values[key] else { return [] }
        return items.compactMap { if case .object(let object) = $0 { JSONObject(object) } else { nil } }
    }

    func strings(_ key: String) -> [String] {
        guard case .array(let items) = values[key] else { return [] }
        return items.compactMap { if case .string(let text) = $0 { text } else { nil } }
    }

    /// An ISO 8601 timestamp (`2026-11-21T10:15:00+01:00`, with or without fractions).
    func date(_ key: String) -> Date? {
        guard let text = string(key) else { return nil }
        return (try? Date.ISO8601FormatStyle(includingFractionalSeconds: false).parse(text))
            ?? (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text))
    }
}

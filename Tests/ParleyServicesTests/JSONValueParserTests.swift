import Foundation
import Testing

@testable import ParleyServices

/// Platform webhooks are read by `JSONValueParser`: the same values `JSONDecoder` reads, at a
/// fraction of the cost, and a clear refusal of what is not JSON.
@Suite("JSON value parser")
struct JSONValueParserTests {
    /// What `JSONDecoder` makes of the same text, kind by kind: the reading the parser replaced.
    struct Decoded: Decodable {
        let value: JSONValue

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let text = try? container.decode(String.self) {
                value = .string(text)
            } else if let flag = try? container.decode(Bool.self) {
                value = .bool(flag)
            } else if let integer = try? container.decode(Int64.self) {
                value = .integer(integer)
            } else if let number = try? container.decode(Double.self) {
                value = .number(number)
            } else if let elements = try? container.decode([Decoded].self) {
                value = .array(elements.map(\.value))
            } else {
                value = .object(try container.decode([String: Decoded].self).mapValues(\.value))
            }
        }
    }

    static func parse(_ text: String) throws -> JSONValue { try JSONValueParser.parse(Array(text.utf8)) }

    @Test("every platform payload among the fixtures reads as JSONDecoder reads it")
    func platformPayloads() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ParleyWebTests/Fixtures")
        var files: [URL] = []
        for platform in ["shopify", "woocommerce"] {
            let folder = fixtures.appendingPathComponent(platform)
            files += try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
                .map { folder.appendingPathComponent($0) }
        }
        #expect(files.count >= 6)
        for file in files {
            let data = try Data(contentsOf: file)
            #expect(
                try JSONValueParser.parse(Array(data)) == JSONDecoder().decode(Decoded.self, from: data).value, "\(file.lastPathComponent)")
        }
    }

    @Test("strings: escapes, surrogate pairs, and lone surrogates or broken UTF-8 as U+FFFD rather than a refused order")
    func strings() throws {
        #expect(try Self.parse(##""Zam\u00f3wienie \"#1001\"\n\t\/\\""##) == .string("Zamówienie \"#1001\"\n\t/\\"))
        #expect(try Self.parse(#""\ud83d\udce6 w drodze""#) == .string("📦 w drodze"))
        #expect(try Self.parse(#""\ud83d x""#) == .string("\u{FFFD} x"))
        #expect(try Self.parse(#""\udce6""#) == .string("\u{FFFD}"))
        #expect(try Self.parse(#""Ζωή, Жизнь, जीवन""#) == .string("Ζωή, Жизнь, जीवन"))
        #expect(try JSONValueParser.parse([0x22, 0x61, 0xFF, 0x22]) == .string("a\u{FFFD}"))
    }

    @Test("numbers: whole ones are integers, as JSONDecoder reads 1.0 and 1e2; others and those past 64 bits are numbers")
    func numbers() throws {
        #expect(try Self.parse("820982911946154508") == .integer(820_982_911_946_154_508))
        #expect(try Self.parse("-12") == .integer(-12))
        #expect(try Self.parse("1.0") == .integer(1))
        #expect(try Self.parse("1e2") == .integer(100))
        #expect(try Self.parse("19.99") == .number(19.99))
        #expect(try Self.parse("-0.5E-1") == .number(-0.05))
        #expect(try Self.parse("12345678901234567890") == .number(12_345_678_901_234_567_168))
        for text in ["1.0", "1e2", "19.99", "-0.5E-1", "12345678901234567890", "0", "-0", "3.0e0"] {
            #expect(try Self.parse(text) == JSONDecoder().decode(Decoded.self, from: Data(text.utf8)).value, "\(text)")
        }
    }

    @Test("structure: nesting, whitespace, a byte order mark, true, false and null")
    func structure() throws {
        let text = "\u{FEFF} { \"a\" : [ true , false , null , { } , [ ] ] ,\r\n\t\"b\":{\"c\":\"d\"} } "
        #expect(
            try Self.parse(text)
                == .object(["a": .array([.bool(true), .bool(false), .null, .object([:]), .array([])]), "b": .object(["c": .string("d")])]))
    }

    @Test("what is not JSON is refused with where it went wrong")
    func malformed() {
        let cases: [(String, String)] = [
            ("", "expected a value at byte 0"),
            ("{\"a\":1,}", "expected a member name in quotes at byte 7"),
            ("[1 2]", "expected ',' or ']' at byte 3"),
            ("01", "expected a number without leading zeros at byte 0"),
            ("\"open", "expected the end of a string at byte 5"),
            ("\"a\u{1}\"", "expected a control character escaped in a string at byte 2"),
            ("\"\\x\"", "expected one of \" \\ / b f n r t u after a backslash at byte 2"),
            ("tru", "expected true at byte 0"),
            ("1.", "expected digits after the decimal point at byte 2"),
            ("{} x", "expected the end of the text at byte 3"),
            (String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "expected at most 256 levels at byte 256"),
        ]
        for (text, message) in cases {
            #expect(throws: JSONValueParser.Malformed.self, "\(text.prefix(20))") { try Self.parse(text) }
            do {
                _ = try Self.parse(text)
            } catch {
                #expect("\(error)" == message, "\(text.prefix(20))")
            }
        }
    }
}

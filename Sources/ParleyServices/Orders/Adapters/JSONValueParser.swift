/// Reads JSON text (RFC 8259) into a `JSONValue` in one pass over its bytes.
///
/// Platform webhooks are read this way rather than through `Decodable`: telling a value's kind
/// apart by trying to decode each kind in turn cost an error per wrong guess, and a Shopify order
/// of a few hundred values was a twentieth of the server's time per order event. Numbers that are
/// whole and fit 64 bits are integers (`1.0` and `1e2` too, as `JSONDecoder` reads them); invalid
/// UTF-8 and lone surrogates in strings become U+FFFD rather than refusing a shop's order.
struct JSONValueParser {
    struct Malformed: Error, CustomStringConvertible {
        let offset: Int
        let expected: String
        var description: String { "expected \(expected) at byte \(offset)" }
    }

    /// Deeper nesting than any platform sends; it keeps a hostile body from exhausting the stack.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0

    static func parse(_ bytes: [UInt8]) throws(Malformed) -> JSONValue {
        var parser = JSONValueParser(bytes: bytes)
        // A UTF-8 byte order mark, as some exporters write.
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw Malformed(offset: parser.index, expected: "the end of the text") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private mutating func value(depth: Int) throws(Malformed) -> JSONValue {
        skipWhitespace()
        guard index < bytes.count else { throw Malformed(offset: index, expected: "a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            return try object(depth: depth + 1)
        case UInt8(ascii: "["):
            return try array(depth: depth + 1)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return try number()
        }
    }

    private mutating func object(depth: Int) throws(Malformed) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw Malformed(offset: index, expected: "at most \(Self.maximumDepth) levels") }
        index += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        while true {
            skipWhitespace()
            guard peekByte == UInt8(ascii: "\"") else { throw Malformed(offset: index, expected: "a member name in quotes") }
            let name = try string()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw Malformed(offset: index, expected: "':'") }
            members[name] = try value(depth: depth)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "}")) else { throw Malformed(offset: index, expected: "',' or '}'") }
            return .object(members)
        }
    }

    private mutating func array(depth: Int) throws(Malformed) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw Malformed(offset: index, expected: "at most \(Self.maximumDepth) levels") }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        while true {
            elements.append(try value(depth: depth))
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "]")) else { throw Malformed(offset: index, expected: "',' or ']'") }
            return .array(elements)
        }
    }

    /// A string, from its opening quote to past its closing one.
    private mutating func string() throws(Malformed) -> String {
        index += 1
        let start = index
        // Most strings have no escapes: one slice, decoded once.
        while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
            index += 1
        }
        guard index < bytes.count else { throw Malformed(offset: index, expected: "the end of a string") }
        if bytes[index] == UInt8(ascii: "\"") {
            defer { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        var text = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &text)
            case ..<0x20:
                throw Malformed(offset: index, expected: "a control character escaped in a string")
            default:
                text.append(byte)
                index += 1
            }
        }
        throw Malformed(offset: index, expected: "the end of a string")
    }

    private mutating func escape(into text: inout [UInt8]) throws(Malformed) {
        guard index < bytes.count else { throw Malformed(offset: index, expected: "an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
        case UInt8(ascii: "b"): text.append(0x08)
        case UInt8(ascii: "f"): text.append(0x0C)
        case UInt8(ascii: "n"): text.append(0x0A)
        case UInt8(ascii: "r"): text.append(0x0D)
        case UInt8(ascii: "t"): text.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar), bytes[index...].starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "u")]) {
                let resume = index
                index += 2
                let low = try hex4()
                if (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = resume
                }
            }
            UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { text.append($0) }
        default:
            throw Malformed(offset: index - 1, expected: "one of \" \\ / b f n r t u after a backslash")
        }
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Malformed(offset: index, expected: "four hexadecimal digits") }
        var scalar: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Malformed(offset: index, expected: "four hexadecimal digits")
            }
            scalar = scalar << 4 | UInt32(digit)
        }
        index += 4
        return scalar
    }

    private mutating func number() throws(Malformed) -> JSONValue {
        let start = index
        if peekByte == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while let byte = peekByte, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        guard index > integerStart else { throw Malformed(offset: start, expected: "a value") }
        guard bytes[integerStart] != UInt8(ascii: "0") || index == integerStart + 1 else {
            throw Malformed(offset: start, expected: "a number without leading zeros")
        }
        var whole = true
        if peekByte == UInt8(ascii: ".") {
            whole = false
            index += 1
            let fractionStart = index
            while let byte = peekByte, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            guard index > fractionStart else { throw Malformed(offset: index, expected: "digits after the decimal point") }
        }
        if peekByte == UInt8(ascii: "e") || peekByte == UInt8(ascii: "E") {
            whole = false
            index += 1
            if peekByte == UInt8(ascii: "+") || peekByte == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while let byte = peekByte, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
            guard index > exponentStart else { throw Malformed(offset: index, expected: "digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if whole, let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text) else { throw Malformed(offset: start, expected: "a number") }
        if number.rounded() == number, let integer = Int64(exactly: number) { return .integer(integer) }
        return .number(number)
    }

    private mutating func literal(_ word: StaticString) throws(Malformed) {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes[index...].starts(with: expected) else { throw Malformed(offset: index, expected: "\(word)") }
        index += expected.count
    }

    private var peekByte: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Moves past `byte` if it is next.
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipWhitespace() {
        while let byte = peekByte, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }
}

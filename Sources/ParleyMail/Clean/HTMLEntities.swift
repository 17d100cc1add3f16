/// Decodes character references (`&amp;`, `&#233;`, `&#x2014;`, legacy `&nbsp` without `;`) the way the
/// HTML5 tokenizer does, on UTF-8 bytes.
enum HTMLEntities {
    /// `bytes` with every character reference decoded. In attribute values a legacy reference without `;`
    /// followed by a letter, digit or `=` stays literal, so `?a=1&copy=2` survives in URLs.
    static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool = false) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&") else {
                output.append(byte)
                index += 1
                continue
            }
            if let (scalar, end) = reference(in: bytes, at: index, inAttribute: inAttribute) {
                UTF8.encode(scalar) { output.append($0) }
                index = end
            } else {
                output.append(byte)
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The reference starting at `start` (an `&`) and the index just after it, or nil when it is not one.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int, inAttribute: Bool) -> (Unicode.Scalar, Int)? {
        var index = start + 1
        guard index < bytes.endIndex else { return nil }
        if bytes[index] == UInt8(ascii: "#") { return numeric(in: bytes, at: index + 1) }
        let nameStart = index
        while index < bytes.endIndex, index - nameStart < 32, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";"), let value = HTMLEntityTable.named[name],
            let scalar = Unicode.Scalar(value)
        {
            return (scalar, index + 1)
        }
        // Legacy names are at most six letters: try the longest that matches.
        for length in stride(from: min(name.utf8.count, 6), through: 2, by: -1) {
            let candidate = String(name.prefix(length))
            guard HTMLEntityTable.legacy.contains(candidate), let value = HTMLEntityTable.named[candidate],
                let scalar = Unicode.Scalar(value)
            else { continue }
            let end = nameStart + length
            if inAttribute, end < bytes.endIndex, isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "=") { return nil }
            return (scalar, end)
        }
        return nil
    }

    private static func numeric(in bytes: ArraySlice<UInt8>, at start: Int) -> (Unicode.Scalar, Int)? {
        var index = start
        var hex = false
        if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "x") {
            hex = true
            index += 1
        }
        let digitsStart = index
        var value: UInt32 = 0
        while index < bytes.endIndex, let digit = digitValue(bytes[index], hex: hex) {
            // Saturate instead of overflowing: anything past U+10FFFF becomes U+FFFD below.
            value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
        return (scalar(forCodePoint: value), index)
    }

    /// The scalar a numeric reference stands for, with HTML5's repairs: NUL, surrogates and out-of-range
    /// values become U+FFFD, and 0x80–0x9F are read as Windows-1252 (`&#150;` is an en dash).
    static func scalar(forCodePoint value: UInt32) -> Unicode.Scalar {
        let replacement: Unicode.Scalar = "\u{FFFD}"
        if value >= 0x80, value <= 0x9F {
            let mapped = windows1252[Int(value - 0x80)]
            return mapped == 0 ? (Unicode.Scalar(value) ?? replacement) : (Unicode.Scalar(mapped) ?? replacement)
        }
        guard value != 0, let scalar = Unicode.Scalar(value) else { return replacement }
        return scalar
    }

    private static let windows1252: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }
}

/// Base 16, as signatures and percent-escapes write bytes.
enum Hex {
    private static let lowercase = Array("0123456789abcdef".utf8)
    private static let uppercase = Array("0123456789ABCDEF".utf8)

    /// Lowercase hex, two digits a byte.
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.flatMap { [lowercase[Int($0 >> 4)], lowercase[Int($0 & 0xF)]] }, as: UTF8.self)
    }

    /// `%XX`, with uppercase digits as RFC 3986 recommends.
    static func percentEscape(_ byte: UInt8) -> [UInt8] {
        [UInt8(ascii: "%"), uppercase[Int(byte >> 4)], uppercase[Int(byte & 0xF)]]
    }

    /// The bytes written by `text`, nil unless it is an even number of hex digits.
    static func decode(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = byte(high: digits[index], low: digits[index + 1]) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    /// The byte two hex digits write, nil when either is not a digit.
    static func byte(high: UInt8, low: UInt8) -> UInt8? {
        guard let high = value(high), let low = value(low) else { return nil }
        return high << 4 | low
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

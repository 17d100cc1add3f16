/// Text searches and trimming in Swift itself. Foundation's `trimmingCharacters(in:)`, `range(of:)`
/// and `contains(_:)` on strings go through `NSString` on Linux, and were a fifth of the time spent
/// parsing a message.
extension StringProtocol {
    /// Without the white space (Unicode's, line breaks included) at either end.
    func trimmingWhitespace() -> String {
        trimming(\.isWhitespace)
    }

    /// Without the characters at either end that `isTrimmed` names, scalar by scalar.
    func trimming(_ isTrimmed: (Unicode.Scalar) -> Bool) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }), let last = scalars.lastIndex(where: { !isTrimmed($0) })
        else { return "" }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }

    /// Whether the text has `=?`, where every RFC 2047 encoded word starts.
    var mayHoldEncodedWords: Bool {
        var previous: UInt8 = 0
        for byte in utf8 {
            if previous == UInt8(ascii: "="), byte == UInt8(ascii: "?") { return true }
            previous = byte
        }
        return false
    }
}

extension Unicode.Scalar {
    /// Unicode's white space, line breaks included; ASCII answered without the property tables.
    var isWhitespace: Bool {
        isASCII ? value == 0x20 || (0x09...0x0D).contains(value) : properties.isWhitespace
    }

    /// What Foundation's `CharacterSet.whitespaces` holds: a tab or a space separator, not a line break.
    var isSpaceOrTab: Bool {
        isASCII ? value == 0x20 || value == 0x09 : properties.generalCategory == .spaceSeparator
    }
}

extension Character {
    /// `isWhitespace`, with ASCII answered without the property tables: headers are mostly ASCII,
    /// and the lookup was a tenth of parsing a message.
    var isSpace: Bool {
        guard let ascii = asciiValue else { return isWhitespace }
        return ascii == 0x20 || (0x09...0x0D).contains(ascii)
    }
}

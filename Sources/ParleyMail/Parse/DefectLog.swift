/// The defects found while parsing one message, bounded so hostile input cannot grow it without limit.
struct DefectLog {
    private(set) var items: [MailDefect] = []
    private static let limit = 200

    mutating func add(_ kind: MailDefect.Kind, _ detail: String) {
        guard items.count < Self.limit else { return }
        items.append(MailDefect(kind, detail.count > 160 ? String(detail.prefix(160)) + "…" : detail))
    }
}

/// Byte classes and line scanning shared by the header, body and multipart readers.
enum Bytes {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == cr || byte == lf }

    /// The line starting at `start`: where its content ends (before CR LF or LF) and where the next line starts.
    static func line(in bytes: ArraySlice<UInt8>, from start: Int) -> (contentEnd: Int, next: Int) {
        guard let lf = bytes[start...].firstIndex(of: Bytes.lf) else { return (bytes.endIndex, bytes.endIndex) }
        let contentEnd = lf > start && bytes[lf - 1] == cr ? lf - 1 : lf
        return (contentEnd, lf + 1)
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Text with CR LF and lone CR turned into LF, and NUL removed (databases refuse it).
    static func normalizedText(_ text: String, log: inout DefectLog, context: String) -> String {
        guard text.utf8.contains(where: { $0 == cr || $0 == 0 }) else { return text }
        if text.utf8.contains(0) { log.add(.nulByte, context) }
        var scalars = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\0": continue
            case "\r":
                scalars.append("\n")
                previousCR = true
                continue
            case "\n" where previousCR: break
            default: scalars.append(scalar)
            }
            previousCR = false
        }
        return String(scalars)
    }

    /// Runs of whitespace (including folded line breaks) as one space, trimmed.
    static func collapsedWhitespace(_ text: String) -> String {
        text.split(whereSeparator: { $0.isSpace }).joined(separator: " ")
    }
}

import ParleyCore

/// One SMTP reply: a code and its text lines (RFC 5321 §4.2).
struct SMTPReply: Equatable, Sendable {
    let code: Int
    let lines: [String]

    var text: String { "\(code) " + lines.joined(separator: " ") }
    var isPositive: Bool { (200..<400).contains(code) }
    var isPermanentFailure: Bool { code >= 500 }
}

/// Gathers reply lines (`250-SIZE 10240000`, …, `250 HELP`) into replies.
struct SMTPReplyParser {
    private var lines: [String] = []

    /// The complete reply that `line` ends, if it ends one.
    mutating func feed(_ line: String) throws(TransportError) -> SMTPReply? {
        let scalars = Array(line.utf8)
        guard scalars.count >= 3, let code = Int(String(decoding: scalars.prefix(3), as: UTF8.self)), (200..<600).contains(code) else {
            throw .temporary("the server sent something that is not an SMTP reply: \(line.prefix(80))")
        }
        lines.append(scalars.count > 4 ? String(decoding: scalars.dropFirst(4), as: UTF8.self) : "")
        guard scalars.count == 3 || scalars[3] != UInt8(ascii: "-") else { return nil }
        defer { lines = [] }
        return SMTPReply(code: code, lines: lines)
    }
}

import Foundation

/// Quoted-printable (RFC 2045 §6.7) for text bodies: readable where the text is ASCII, safe everywhere.
public enum QuotedPrintable {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// `text` with CRLF line ends, lines of at most 76 characters (soft breaks `=`), and every byte that
    /// is not printable ASCII, every `=`, and spaces or tabs at a line's end written as `=XX`.
    public static func encode(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized.split(separator: "\n", omittingEmptySubsequences: false).map { encodeLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    private static func encodeLine(_ bytes: [UInt8]) -> String {
        var lines: [String] = []
        var current: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            let isLast = index == bytes.count - 1
            let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
            let token: [UInt8] = plain ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            // 75 leaves room for the soft break's `=`.
            if current.count + token.count > 75 {
                lines.append(String(decoding: current, as: UTF8.self) + "=")
                current = []
            }
            current += token
        }
        lines.append(String(decoding: current, as: UTF8.self))
        return lines.joined(separator: "\r\n")
    }
}

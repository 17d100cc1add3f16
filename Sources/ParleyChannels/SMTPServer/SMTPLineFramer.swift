/// A piece of what an SMTP client sent: a whole line, or a piece of a line longer than the framer
/// holds at once.
enum SMTPFrame: Equatable {
    /// How a line ended: `CRLF` as RFC 5321 says, or a bare `LF` from a lenient client.
    enum Ending: Equatable { case crlf, lf }

    /// The bytes of a line (or of the rest of a line after fragments), without its ending.
    case line([UInt8], Ending)
    /// The first bytes of a line that is too long to hold; more of the same line follows.
    case fragment([UInt8])
}

/// Cuts the bytes an SMTP client sends into lines (RFC 5321 §2.3.8). A line longer than
/// `maxLineLength` comes out in fragments, so that memory stays bounded whatever the client sends:
/// a command that long is refused, a message line that long is kept.
struct SMTPLineFramer {
    let maxLineLength: Int
    private var buffer: [UInt8] = []
    private var start = 0

    init(maxLineLength: Int = 1000) {
        precondition(maxLineLength > 1)
        self.maxLineLength = maxLineLength
    }

    /// Whether bytes are waiting that do not make a frame yet.
    var hasBufferedBytes: Bool { start < buffer.count }

    mutating func append<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Forgets everything buffered: bytes a client pipelined behind STARTTLS must not count as sent
    /// over TLS (CVE-2011-0411).
    mutating func discardBuffered() {
        buffer = []
        start = 0
    }

    /// The next frame, or nil until more bytes arrive.
    mutating func next() -> SMTPFrame? {
        let end = buffer.count
        // Looking one byte past the limit finds the LF of a line that is exactly at the limit.
        let searchEnd = min(end, start + maxLineLength + 2)
        if let newline = buffer[start..<searchEnd].firstIndex(of: UInt8(ascii: "\n")) {
            let crlf = newline > start && buffer[newline - 1] == UInt8(ascii: "\r")
            let contentEnd = crlf ? newline - 1 : newline
            if contentEnd - start <= maxLineLength {
                defer { start = newline + 1 }
                return .line(Array(buffer[start..<contentEnd]), crlf ? .crlf : .lf)
            }
        } else if end - start <= maxLineLength + 1 {
            return nil
        }
        // Too long: hand on `maxLineLength` bytes. The cut never separates a CR from its LF, since
        // an LF right behind the cut would have ended the line within the limit.
        defer { start += maxLineLength }
        return .fragment(Array(buffer[start..<start + maxLineLength]))
    }
}

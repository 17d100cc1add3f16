/// Quoted-printable (RFC 2045 §6.7) for text bodies: readable where the text is ASCII, safe everywhere.
public enum QuotedPrintable {
    private static let hex = Array("0123456789ABCDEF".utf8)

    /// `text` with CRLF line ends, lines of at most 76 characters (soft breaks `=`), and every byte that
    /// is not printable ASCII, every `=`, and spaces or tabs at a line's end written as `=XX`.
    ///
    /// One pass over the UTF-8 bytes into one buffer: every order update and every reply is encoded
    /// here, and a token array per byte made it a tenth of the sending server's time.
    public static func encode(_ text: String) -> String {
        let carriageReturn = UInt8(ascii: "\r")
        let lineFeed = UInt8(ascii: "\n")
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4 + 8)
        var lineLength = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == carriageReturn || byte == lineFeed {
                // CR LF, a lone CR and a lone LF each end a line.
                if byte == carriageReturn && index + 1 < bytes.count && bytes[index + 1] == lineFeed { index += 1 }
                output.append(carriageReturn)
                output.append(lineFeed)
                lineLength = 0
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : lineFeed
            let endsLine = next == carriageReturn || next == lineFeed
            let plain = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !endsLine)
            let width = plain ? 1 : 3
            // 75 leaves room for the soft break's `=`.
            if lineLength + width > 75 {
                output.append(UInt8(ascii: "="))
                output.append(carriageReturn)
                output.append(lineFeed)
                lineLength = 0
            }
            if plain {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "="))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
            lineLength += width
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}

import ParleyCore

extension MailEnvelope {
    /// The message as DATA sends it: lines starting with `.` get another (RFC 5321 §4.5.2), CRLF line
    /// ends throughout, and the closing `CRLF.CRLF`.
    var dataBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(message.count + 64)
        var atLineStart = true
        var previous: UInt8 = 0
        for byte in message {
            if byte == UInt8(ascii: "\n") && previous != UInt8(ascii: "\r") { output.append(UInt8(ascii: "\r")) }
            if atLineStart && byte == UInt8(ascii: ".") { output.append(UInt8(ascii: ".")) }
            output.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
            previous = byte
        }
        if !atLineStart { output += Array("\r\n".utf8) }
        return output + Array(".\r\n".utf8)
    }

    /// Whether the message has bytes beyond ASCII, which `BODY=8BITMIME` announces (RFC 6152).
    var hasEightBitBytes: Bool { message.contains { $0 >= 0x80 } }

    /// Whether an envelope address is not ASCII, which needs the `SMTPUTF8` parameter (RFC 6531).
    var hasUnicodeAddresses: Bool { ([from] + recipients).contains { !$0.allSatisfy(\.isASCII) } }
}

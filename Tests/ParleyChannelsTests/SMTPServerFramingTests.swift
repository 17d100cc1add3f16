import Testing

@testable import ParleyChannels

/// Lines out of bytes however TCP cuts them: the framer alone, then a whole pipelined session fed
/// in every possible pair of pieces and a byte at a time (the idea of `ByteToMessageDecoderVerifier`).
@Suite("SMTP server framing")
struct SMTPServerFramingTests {
    static func frames(_ bytes: String, maxLineLength: Int = 8) -> [SMTPFrame] {
        var framer = SMTPLineFramer(maxLineLength: maxLineLength)
        framer.append(Array(bytes.utf8))
        var frames: [SMTPFrame] = []
        while let frame = framer.next() { frames.append(frame) }
        return frames
    }

    @Test("CRLF and bare LF end lines; a CR alone does not; an unfinished line waits")
    func lines() {
        #expect(
            Self.frames("NOOP\r\nRSET\nA\rB\r\n\r\nhalf") == [
                .line(Array("NOOP".utf8), .crlf), .line(Array("RSET".utf8), .lf), .line(Array("A\rB".utf8), .crlf), .line([], .crlf),
            ])
    }

    @Test("a line of exactly the limit is one line, even with its CR and LF still to come; a longer one comes in pieces")
    func limit() {
        #expect(Self.frames("12345678\r\n") == [.line(Array("12345678".utf8), .crlf)])
        #expect(Self.frames("12345678\r").isEmpty)
        #expect(Self.frames("123456789\r\n") == [.fragment(Array("12345678".utf8)), .line(Array("9".utf8), .crlf)])
        #expect(Self.frames("1234567890") == [.fragment(Array("12345678".utf8))])
        #expect(
            Self.frames("1234567\r12345678\r\n")
                == [.fragment(Array("1234567\r".utf8)), .line(Array("12345678".utf8), .crlf)])
    }

    @Test("what was buffered behind STARTTLS is gone")
    func discard() {
        var framer = SMTPLineFramer()
        framer.append(Array("STARTTLS\r\nMAIL FROM:<evil@x.example>\r\n".utf8))
        #expect(framer.next() == .line(Array("STARTTLS".utf8), .crlf))
        #expect(framer.hasBufferedBytes)
        framer.discardBuffered()
        #expect(framer.next() == nil)
        #expect(!framer.hasBufferedBytes)
    }

    static let session = Array(
        ("EHLO client.example\r\nMAIL FROM:<a@b.example> SIZE=30\r\nRCPT TO:<x@y.example>\r\nRCPT TO:<nobody@y.example>\r\nDATA\r\n"
            + "Subject: split\r\n\r\n..dot\r\n" + String(repeating: "long ", count: 300) + "\r\n.\r\n"
            + "NOOP " + String(repeating: "n", count: 1_000) + "\r\nRSET\r\nQUIT\r\n").utf8)

    static func run(_ pieces: [ArraySlice<UInt8>]) -> (output: String, messages: [[UInt8]]) {
        var settings = SMTPServerSessionDriver.settings
        settings.maxMessageSize = 2_000
        var driver = SMTPServerSessionDriver(settings: settings)
        for piece in pieces { driver.feed(Array(piece)) }
        return (driver.output, driver.delivered.map(\.message))
    }

    @Test("a pipelined session split at every byte, or fed a byte at a time, goes exactly as in one piece")
    func everySplit() {
        let whole = Self.run([Self.session[...]])
        #expect(whole.messages.count == 1)
        #expect(
            whole.output.hasSuffix(
                "550 5.1.1 No such user here\r\n354 End data with <CR><LF>.<CR><LF>\r\n250 2.0.0 Ok: queued as Q1\r\n500 5.5.6 Error: line too long\r\n250 2.0.0 Ok\r\n221 2.0.0 Bye\r\n[closed]"
            ))
        for cut in 1..<Self.session.count {
            let split = Self.run([Self.session[..<cut], Self.session[cut...]])
            #expect(split.output == whole.output, "cut at \(cut)")
            #expect(split.messages == whole.messages, "cut at \(cut)")
        }
        let byByte = Self.run(Self.session.indices.map { Self.session[$0...$0] })
        #expect(byByte.output == whole.output)
        #expect(byByte.messages == whole.messages)
    }
}

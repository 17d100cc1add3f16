import ParleyMail
import ParleyTestSupport
import Testing

@Suite("Damaged and hostile input never crashes the parser")
struct ParseRobustnessTests {
    @Test("empty input, only headers, no header block, header without a colon")
    func edges() {
        #expect(MailParser.parse([]).has(.emptyMessage))
        let onlyHeaders = mail("From: a@example.com\nSubject: only headers")
        #expect(onlyHeaders.subject == "only headers" && onlyHeaders.text == "")
        #expect(mail("\nJust a body\n").text == "Just a body\n")
        let noColon = mail("From: a@example.com\nthis is not a header\nSubject: still read\n\nbody\n")
        #expect(noColon.subject == "still read")
        #expect(noColon.has(.malformedHeader))
        let bodyWithoutSeparator = mail("Subject: s\nHello there, no blank line\nsecond line\n")
        #expect(bodyWithoutSeparator.text == "Hello there, no blank line\nsecond line\n")
        #expect(bodyWithoutSeparator.has(.missingHeaderBodySeparator))
    }

    @Test("LF-only, CR-only and mbox input read alike")
    func lineEnds() {
        let text = "From: a@example.com\nSubject: Ends\n\nline one\nline two\n"
        let expected = mail(text).text
        #expect(expected == "line one\nline two\n")
        #expect(mail(text, lineEnds: "\n").text == expected)
        #expect(mail(text, lineEnds: "\r").text == expected)
        #expect(mail("From a@example.com Mon Jun  2 10:00:00 2025\n" + text).subject == "Ends")
    }

    @Test("NUL bytes and a line longer than 998 bytes")
    func nulAndLongLines() {
        let parsed = MailParser.parse(Array("Subject: a\0b\n\nbo\0dy\n".utf8))
        #expect(parsed.subject == "ab" && parsed.text == "body\n")
        #expect(parsed.has(.nulByte))
        let long = mail("Subject: " + String(repeating: "x", count: 5_000) + "\n\n" + String(repeating: "y", count: 100_000))
        #expect(long.subject?.count == 5_000 && long.text?.count == 100_000)
        #expect(long.has(.lineTooLong))
    }

    @Test("deep nesting and huge part counts are bounded")
    func bounds() {
        var nested = ""
        for level in 0..<200 { nested += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        nested += "Content-Type: text/plain\n\ndeep\n"
        let deep = mail(nested)
        #expect(deep.has(.nestingTooDeep))
        let many = mail(
            "Content-Type: multipart/mixed; boundary=b\n\n" + String(repeating: "--b\nContent-Type: image/gif\n\nx\n", count: 5_000))
        #expect(many.attachments.count <= 1_000)
        #expect(many.has(.tooManyParts))
    }

    @Test("quadratic traps finish quickly")
    func performance() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = mail(String(repeating: "X-H: v\n", count: 20_000) + "\nbody")
            _ = mail("Subject: " + String(repeating: "=?x?Q?a", count: 40_000) + "\n\nx")
            _ = mail("Content-Type: multipart/mixed; boundary=b\n\n" + String(repeating: "--", count: 200_000))
            _ = mail("Content-Type: text/plain; format=flowed\n\n" + String(repeating: "word \n", count: 50_000))
            _ = mail("To: " + String(repeating: "a@b.c, ", count: 20_000) + "\n\nx")
        }
        #expect(elapsed < .seconds(20))
    }

    @Test("thousands of seeded mutations of every fixture parse and return")
    func mutations() throws {
        var random = SplitMix64(seed: 0x5EED_0F_9A41)
        for name in MIMEFixture.all {
            let original = try MIMEFixture.bytes(name)
            for _ in 0..<200 {
                var bytes = original
                for _ in 0..<(1 + Int(random.next() % 8)) {
                    guard !bytes.isEmpty else { break }
                    let position = Int(random.next() % UInt64(bytes.count))
                    switch random.next() % 4 {
                    case 0: bytes[position] ^= UInt8(1 << (random.next() % 8))
                    case 1: bytes.removeSubrange(position...)
                    case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
                    default: bytes.insert(contentsOf: Array("\n--=?=\r\n".utf8), at: position)
                    }
                }
                let parsed = MailParser.parse(bytes)
                #expect(parsed.defects.count <= 200)
            }
        }
    }
}

import Foundation
import ParleyMail
import ParleyTestSupport
import Testing

@Suite("Mail composer")
struct MailComposerTests {
    static func mail(subject: String, text: String, html: String?) throws -> OutgoingMail {
        OutgoingMail(
            from: try EmailAddress(parsing: "sklep@kubki.example").named("Kubki & Co, sklep"),
            to: [try EmailAddress(parsing: "zofia@example.pl").named("Zofia Wójcik")],
            replyTo: try EmailAddress(parsing: "reply+c42@kubki.example"), subject: subject, text: text, html: html,
            messageID: "m1@kubki.example", inReplyTo: "m0@kubki.example", references: ["m0@kubki.example"],
            date: Date(timeIntervalSince1970: 1_795_000_000), extraHeaders: [("Auto-Submitted", "auto-generated\r\nBcc: evil@x")])
    }

    @Test("headers and bodies are 7-bit, CRLF, and no line is longer than 78 characters")
    func sevenBit() throws {
        let long = String(repeating: "Zażółć gęślą jaźń, ", count: 12)
        let composed = MailComposer.compose(try Self.mail(subject: long, text: long + "\n" + long, html: "<p>\(long)</p>"), boundary: "b")
        #expect(composed.utf8.allSatisfy { $0 < 128 })
        let lines = composed.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.count <= 78 && !$0.contains("\n") && !$0.contains("\r") })
        #expect(!lines.contains { $0.hasPrefix("Bcc:") }, "a header value cannot start a new header")
    }

    @Test("quoted-printable keeps ASCII readable and escapes the rest")
    func quotedPrintable() {
        #expect(QuotedPrintable.encode("Order #1001 = paid") == "Order #1001 =3D paid")
        #expect(QuotedPrintable.encode("Zamówienie") == "Zam=C3=B3wienie")
        #expect(QuotedPrintable.encode("trailing space \nnext") == "trailing space=20\r\nnext")
    }

    @Test("quoted-printable decodes back to the text with CRLF line ends, in lines of at most 76, ending in no space")
    func quotedPrintableRoundTrip() {
        var random = SystemRandomNumberGenerator()
        let pieces = [
            "Zażółć gęślą jaźń", "Ευχαριστώ", "Спасибо", "धन्यवाद", "a = b", " ", "\t", "\n", "\r\n", "\r", "  \n",
            String(repeating: "x", count: 74), String(repeating: "é", count: 40), "=", "~", "\u{7F}", "🙂",
        ]
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...30, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let encoded = QuotedPrintable.encode(text)
            let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .replacingOccurrences(of: "\n", with: "\r\n")
            #expect(QuotedPrintable.decode(Array(encoded.utf8)) == Array(expected.utf8), "\(text.debugDescription)")
            let lines = encoded.components(separatedBy: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 76 && $0.utf8.allSatisfy { $0 == 9 || ($0 >= 32 && $0 < 127) } })
            #expect(!lines.contains { $0.hasSuffix(" ") || $0.hasSuffix("\t") }, "\(text.debugDescription)")
        }
    }

    @Test("the Date header reads as Foundation's RFC 5322 formatter writes it, in UTC")
    func dateHeader() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var random = SystemRandomNumberGenerator()
        let dates =
            [0, 951_782_400, 1_795_000_000, 4_102_444_799.9, 1_636_320_597.999_828_6, 1_636_320_597.999_4, -0.0004]
            .map(Date.init(timeIntervalSince1970:))
            + (0..<500).map { _ in Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &random)) }
        for date in dates {
            #expect(MailComposer.rfc5322Date(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test("plain ASCII subjects stay as they are; others become encoded words")
    func encodedWords() {
        #expect(EncodedWord.encode("Order #1001 is on its way") == "Order #1001 is on its way")
        #expect(EncodedWord.encode("Zamówienie") == "=?UTF-8?B?WmFtw7N3aWVuaWU=?=")
        #expect(EncodedWord.phrase("Kubki & Co, sklep") == "\"Kubki & Co, sklep\"")
    }

    @Test(
        "Python's email package reads back exactly what was composed",
        arguments: [
            ("Zamówienie #9999 jest w drodze", "Dzień dobry,\nprzesyłka jest w drodze. Zażółć gęślą jaźń."),
            ("Η παραγγελία #9999 είναι καθ' οδόν", "Γεια σας,\nη παραγγελία σας στάλθηκε."),
            ("Заказ #9999 отправлен", String(repeating: "Ваш заказ отправлен. ", count: 20)),
            ("ऑर्डर #9999 भेज दिया गया है", "नमस्ते,\nआपका ऑर्डर रास्ते में है। 📦"),
            ("Order #9999 = shipped", "Plain text with = signs and trailing spaces   \nand a second line."),
        ])
    func pythonReadsItBack(subject: String, text: String) async throws {
        let html = "<p>\(text.replacingOccurrences(of: "\n", with: "<br>"))</p>"
        let composed = MailComposer.compose(try Self.mail(subject: subject, text: text, html: html))
        let parsed = try await Self.parseWithPython(composed)
        #expect(parsed["subject"] == subject)
        // MIME text travels with CRLF line ends; the reader keeps them.
        #expect(
            parsed["text"]?.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .newlines)
                == text.trimmingCharacters(in: .newlines))
        #expect(parsed["html"]?.trimmingCharacters(in: .newlines) == html)
        #expect(parsed["from"] == "\"Kubki & Co, sklep\" <sklep@kubki.example>")
        #expect(parsed["to"] == "Zofia Wójcik <zofia@example.pl>")
        #expect(parsed["message_id"] == "<m1@kubki.example>" && parsed["in_reply_to"] == "<m0@kubki.example>")
        #expect(parsed["defects"] == "0")
    }

    /// Parses `message` with Python's `email` package (policy.default): an independent reader.
    static func parseWithPython(_ message: String) async throws -> [String: String] {
        let script = """
            import email, json, sys
            from email import policy
            m = email.message_from_bytes(sys.stdin.buffer.read(), policy=policy.default)
            text = m.get_body(preferencelist=('plain',))
            html = m.get_body(preferencelist=('html',))
            defects = len(m.defects) + sum(len(p.defects) for p in m.walk())
            print(json.dumps({'subject': str(m['subject']), 'from': str(m['from']), 'to': str(m['to']),
                'message_id': str(m['message-id']), 'in_reply_to': str(m['in-reply-to']),
                'text': text.get_content(), 'html': html.get_content(), 'defects': str(defects)}))
            """
        let data = try await ChildProcess.output(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script], input: Data(message.utf8)
        ).output
        return try JSONDecoder().decode([String: String].self, from: data)
    }
}

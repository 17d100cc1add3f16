import Foundation
import ParleyMail
import Testing

@Suite("Content-Transfer-Encoding as real mail uses it")
struct ParseTransferEncodingTests {
    private func body(_ encoding: String, _ content: String, charset: String = "utf-8") -> ParsedMail {
        mail("Content-Type: text/plain; charset=\(charset)\nContent-Transfer-Encoding: \(encoding)\n\n\(content)")
    }

    @Test("quoted-printable: soft breaks, lower-case hex, transport whitespace")
    func quotedPrintable() {
        #expect(QuotedPrintable.decode(Array("Dzie=C5=84 do=\r\nbry=c5=82   \r\nx".utf8)) == Array("Dzień dobrył\r\nx".utf8))
        #expect(QuotedPrintable.decode(Array("soft =  \nbreak=".utf8)) == Array("soft break".utf8))
        #expect(body("quoted-printable", "Za=C5=BC=C3=B3=C5=82=\n=C4=87 g=C4=99=C5=9Bl=C4=85\n").text == "Zażółć gęślą\n")
    }

    @Test("quoted-printable: an = without hex digits stays and is reported")
    func invalidQuotedPrintable() {
        let parsed = body("quoted-printable", "5 = 5 and =XY and 100%=\n")
        #expect(parsed.text == "5 = 5 and =XY and 100%")
        #expect(parsed.has(.invalidQuotedPrintable))
    }

    @Test("base64: folded, unpadded, with junk characters")
    func base64() {
        #expect(body("base64", "0JfQtNGA0LDQstGB\r\n0YLQstGD0LnRgtC1").text == "Здравствуйте")
        let junk = body("base64", "0JfQtN*GA0LDQ#stGB0YLQstGD0LnRgtC1\n")
        #expect(junk.text == "Здравствуйте")
        #expect(junk.has(.invalidBase64))
        #expect(body("BASE64", " SGVs\tbG8=\n").text == "Hello")
        // Two base64 blocks pasted together, each padded.
        #expect(body("base64", "SGk=\nIQ==\n").text == "Hi!")
    }

    @Test("Hindi in UTF-8 base64 round-trips")
    func hindi() {
        let text = "नमस्ते, मेरा ऑर्डर कहाँ है?\n"
        let encoded = EncodedWord.encode("प्रिया").replacingOccurrences(of: "\r\n", with: "\n")
        let parsed = mail(
            "Subject: \(encoded)\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n\(encodedBase64(text))\n")
        #expect(parsed.text == text)
        #expect(parsed.subject == "प्रिया")
    }

    @Test("7bit, 8bit, binary and unknown encodings pass bytes through")
    func identity() {
        for encoding in ["7bit", "8bit", "binary", "8BIT"] { #expect(body(encoding, "Łódź\n").text == "Łódź\n") }
        let unknown = body("x-gzip64", "Łódź\n")
        #expect(unknown.text == "Łódź\n")
        #expect(unknown.has(.unknownTransferEncoding))
    }

    @Test("x-uuencode attachments")
    func uuencode() {
        let parsed = mail(
            "Content-Type: multipart/mixed; boundary=b\n\n--b\n\nSee file\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: x-uuencode\n\nbegin 644 cat.txt\n#0V%T\n`\nend\n--b--\n"
        )
        #expect(parsed.attachments.first?.data == Array("Cat".utf8))
        #expect(parsed.attachments.first?.filename == "cat.txt")
    }

    private func encodedBase64(_ text: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        let bytes = Array(text.utf8)
        var output = ""
        for start in stride(from: 0, to: bytes.count, by: 3) {
            let chunk = bytes[start..<min(start + 3, bytes.count)]
            let value = chunk.enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << UInt32(16 - 8 * $1.offset) }
            for index in 0..<4 { output.append(index <= chunk.count ? alphabet[Int(value >> UInt32(18 - 6 * index) & 63)] : "=") }
        }
        return output
    }
}

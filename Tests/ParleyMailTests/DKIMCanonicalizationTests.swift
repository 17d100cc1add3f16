import ParleyMail
import Testing

@Suite("DKIM relaxed canonicalization")
struct DKIMCanonicalizationTests {
    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    // RFC 6376 §3.4.5: "A: <SP> X <CRLF> B <SP> : <SP> Y <HTAB><CRLF> <HTAB> Z <SP><SP><CRLF>".
    @Test("headers as in the RFC 6376 §3.4.5 example")
    func rfcExampleHeaders() {
        #expect(text(DKIMCanonicalization.relaxedHeader(Array("A: X".utf8))) == "a:X")
        #expect(text(DKIMCanonicalization.relaxedHeader(Array("B : Y\t\r\n\tZ  ".utf8))) == "b:Y Z")
    }

    // RFC 6376 §3.4.5: "<SP> C <SP><CRLF> D <SP><HTAB><SP> E <CRLF> <CRLF> <CRLF>".
    @Test("the body as in the RFC 6376 §3.4.5 example")
    func rfcExampleBody() {
        #expect(text(DKIMCanonicalization.relaxedBody(Array(" C \r\nD \t E\r\n\r\n\r\n".utf8))) == " C\r\nD E\r\n")
    }

    @Test(
        "bodies at the edges",
        arguments: [
            ("", ""), ("\r\n", ""), ("\r\n \t\r\n\r\n", ""), ("no final line break", "no final line break\r\n"),
            ("a\r\n\r\nb\r\n", "a\r\n\r\nb\r\n"), ("tab\tinside\t\r\n", "tab inside\r\n"),
        ])
    func bodyEdges(body: String, canonical: String) {
        #expect(text(DKIMCanonicalization.relaxedBody(Array(body.utf8))) == canonical)
    }

    @Test("header names keep their spelling apart from case; values keep their case")
    func headerCase() {
        #expect(
            text(DKIMCanonicalization.relaxedHeader(Array("Message-ID:\t<AbC@Kubki.example> ".utf8))) == "message-id:<AbC@Kubki.example>")
        #expect(text(DKIMCanonicalization.relaxedHeader(Array("Subject:".utf8))) == "subject:")
    }
}

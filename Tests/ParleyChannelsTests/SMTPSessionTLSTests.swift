import ParleyCore
import Testing

@testable import ParleyChannels

@Suite("SMTP session: STARTTLS")
struct SMTPSessionTLSTests {
    static let reply = SMTPSessionTests.reply
    static let envelope = SMTPSessionTests.envelope

    @Test("offered STARTTLS is taken; what the server said in the clear is forgotten, so a forged PIPELINING is not used")
    func opportunistic() {
        var session = SMTPSession(hostname: "parley.test", envelope: Self.envelope)
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(220, "mx"): .send("EHLO parley.test"),
                Self.reply(250, "mx", "PIPELINING", "STARTTLS"): .send("STARTTLS"),
                Self.reply(220, "go ahead"): .startTLS(then: "EHLO parley.test"),
                Self.reply(250, "mx", "SIZE 1000"): .send("MAIL FROM:<sklep@kubki.example> SIZE=18"),
            ])
        #expect(session.extensions == ["SIZE": "1000"])
    }

    @Test("without STARTTLS, or when it is refused, opportunistic TLS carries on in the clear")
    func opportunisticInTheClear() {
        var notOffered = SMTPSession(hostname: "h", envelope: Self.envelope)
        SMTPSessionTests.expect(
            &notOffered, [Self.reply(220): .send("EHLO h"), Self.reply(250, "mx"): .send("MAIL FROM:<sklep@kubki.example>")])

        var refused = SMTPSession(hostname: "h", envelope: Self.envelope)
        SMTPSessionTests.expect(
            &refused,
            [
                Self.reply(220): .send("EHLO h"),
                Self.reply(250, "mx", "STARTTLS"): .send("STARTTLS"),
                Self.reply(454, "TLS not available"): .send("MAIL FROM:<sklep@kubki.example>"),
            ])
    }

    @Test("required TLS fails for good without STARTTLS (HELO servers included), and for now when the server declines it")
    func required() {
        let notOffered = TransportError.permanent("the SMTP server does not offer STARTTLS, and TLS is required")
        var ehlo = SMTPSession(hostname: "h", envelope: Self.envelope, tls: .required)
        SMTPSessionTests.expect(&ehlo, [Self.reply(220): .send("EHLO h"), Self.reply(250, "mx", "AUTH PLAIN"): .failed(notOffered)])

        var helo = SMTPSession(hostname: "h", envelope: Self.envelope, tls: .required)
        SMTPSessionTests.expect(
            &helo, [Self.reply(220): .send("EHLO h"), Self.reply(500): .send("HELO h"), Self.reply(250): .failed(notOffered)])

        var declined = SMTPSession(hostname: "h", envelope: Self.envelope, tls: .required)
        SMTPSessionTests.expect(
            &declined,
            [
                Self.reply(220): .send("EHLO h"),
                Self.reply(250, "mx", "STARTTLS"): .send("STARTTLS"),
                Self.reply(454, "TLS not available"): .failed(.temporary("STARTTLS: 454 TLS not available")),
            ])
    }

    @Test("implicit TLS is encrypted from the start and never says STARTTLS; no TLS ignores it")
    func implicitAndNone() {
        for tls in [SMTPTransport.TLSMode.implicit, .none] {
            var session = SMTPSession(hostname: "h", envelope: Self.envelope, tls: tls)
            SMTPSessionTests.expect(
                &session, [Self.reply(220): .send("EHLO h"), Self.reply(250, "mx", "STARTTLS"): .send("MAIL FROM:<sklep@kubki.example>")])
        }
    }
}

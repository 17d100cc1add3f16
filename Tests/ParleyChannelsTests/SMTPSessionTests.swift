import ParleyCore
import Testing

@testable import ParleyChannels

@Suite("SMTP session")
struct SMTPSessionTests {
    static let envelope = MailEnvelope(
        from: "sklep@kubki.example", recipients: ["ola@example.pl"], message: Array("Subject: x\r\n\r\nHi\r\n".utf8))

    static func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines.isEmpty ? [""] : lines) }

    /// Feeds `session` each reply in turn and expects the action beside it.
    static func expect(
        _ session: inout SMTPSession, _ transcript: KeyValuePairs<SMTPReply, SMTPSession.Action>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        for (reply, action) in transcript { #expect(session.received(reply) == action, sourceLocation: sourceLocation) }
    }

    @Test("a whole transaction: greeting, EHLO with its extensions, envelope, DATA, queue id")
    func happyPath() {
        var session = SMTPSession(hostname: "parley.test", envelope: Self.envelope)
        #expect(session.received(Self.reply(220, "mx ESMTP")) == .send("EHLO parley.test"))
        #expect(
            session.received(Self.reply(250, "mx", "SIZE 1000", "8BITMIME"))
                == .send("MAIL FROM:<sklep@kubki.example> SIZE=18"))
        #expect(session.extensions["8BITMIME"] == "")
        #expect(session.received(Self.reply(250, "OK")) == .send("RCPT TO:<ola@example.pl>"))
        #expect(session.received(Self.reply(250, "OK")) == .send("DATA"))
        #expect(session.received(Self.reply(354, "go ahead")) == .sendMessage)
        #expect(
            session.received(Self.reply(250, "2.0.0 Ok: queued as 4Kx2"))
                == .delivered(DeliveryReceipt(response: "250 2.0.0 Ok: queued as 4Kx2")))
        #expect(session.received(Self.reply(221, "bye")) == .close)
    }

    @Test("an old server gets HELO; a message over its SIZE is refused before sending")
    func heloAndSize() {
        var old = SMTPSession(hostname: "parley.test", envelope: Self.envelope)
        _ = old.received(Self.reply(220))
        #expect(old.received(Self.reply(502, "command not implemented")) == .send("HELO parley.test"))
        #expect(old.received(Self.reply(250)) == .send("MAIL FROM:<sklep@kubki.example>"))

        var small = SMTPSession(hostname: "parley.test", envelope: Self.envelope)
        _ = small.received(Self.reply(220))
        guard case .failed(.permanent(let reason)) = small.received(Self.reply(250, "mx", "SIZE 10")) else {
            Issue.record("an oversized message was not refused")
            return
        }
        #expect(reason.contains("at most 10"))
    }

    @Test("4xx is worth a retry, 5xx is not; refused recipients are reported, the others still get the message")
    func failures() {
        var greylisted = SMTPSession(hostname: "h", envelope: Self.envelope)
        #expect(greylisted.received(Self.reply(421, "busy")) == .failed(.temporary("greeting: 421 busy")))

        let two = MailEnvelope(from: "a@b.c", recipients: ["x@d.e", "y@d.e"], message: [])
        var partly = SMTPSession(hostname: "h", envelope: two)
        for reply in [Self.reply(220), Self.reply(250), Self.reply(250)] { _ = partly.received(reply) }
        #expect(partly.received(Self.reply(550, "no such user")) == .send("RCPT TO:<y@d.e>"))
        #expect(partly.received(Self.reply(250)) == .send("DATA"))
        _ = partly.received(Self.reply(354))
        #expect(partly.received(Self.reply(250, "queued")) == .delivered(DeliveryReceipt(response: "250 queued", rejected: ["x@d.e"])))

        var allRefused = SMTPSession(hostname: "h", envelope: two)
        for reply in [Self.reply(220), Self.reply(250), Self.reply(250), Self.reply(550, "unknown")] { _ = allRefused.received(reply) }
        #expect(allRefused.received(Self.reply(450, "greylisted")) == .failed(.temporary("x@d.e: 550 unknown; y@d.e: 450 greylisted")))
    }

    @Test("MAIL FROM says BODY=8BITMIME for 8-bit bytes and SMTPUTF8 for a non-ASCII address, when the server takes them")
    func mailParameters() {
        func mailFrom(_ envelope: MailEnvelope, offered: String...) -> SMTPSession.Action {
            var session = SMTPSession(hostname: "h", envelope: envelope)
            _ = session.received(Self.reply(220))
            return session.received(SMTPReply(code: 250, lines: ["mx"] + offered))
        }
        let eightBit = MailEnvelope(from: "a@b.c", recipients: ["d@e.f"], message: Array("Subject: Zażółć\r\n\r\n".utf8))
        #expect(mailFrom(eightBit, offered: "8BITMIME") == .send("MAIL FROM:<a@b.c> BODY=8BITMIME"))
        // Sent as it is all the same: the composer's quoted-printable makes this rare, and recoding would break DKIM.
        #expect(mailFrom(eightBit, offered: "SMTPUTF8") == .send("MAIL FROM:<a@b.c>"))
        #expect(mailFrom(Self.envelope, offered: "8BITMIME") == .send("MAIL FROM:<sklep@kubki.example>"))

        let unicode = MailEnvelope(from: "a@b.c", recipients: ["zofia@przykład.pl"], message: [])
        #expect(mailFrom(unicode, offered: "SMTPUTF8") == .send("MAIL FROM:<a@b.c> SMTPUTF8"))
    }

    @Test("DATA doubles a leading dot, ends lines with CRLF and closes with CRLF.CRLF")
    func dotStuffing() {
        let envelope = MailEnvelope(from: "a@b.c", recipients: ["d@e.f"], message: Array("Subject: x\n\n.hidden\r\n..two\nlast".utf8))
        #expect(String(decoding: envelope.dataBytes, as: UTF8.self) == "Subject: x\r\n\r\n..hidden\r\n...two\r\nlast\r\n.\r\n")
    }
}

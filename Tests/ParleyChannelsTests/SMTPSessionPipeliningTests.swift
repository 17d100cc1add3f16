import ParleyCore
import Testing

@testable import ParleyChannels

/// RFC 2920: the envelope goes in one write and the replies are judged as they come, with the same
/// outcomes as one command at a time.
@Suite("SMTP session: PIPELINING")
struct SMTPSessionPipeliningTests {
    static let reply = SMTPSessionTests.reply
    static let two = MailEnvelope(from: "a@b.c", recipients: ["x@d.e", "y@d.e"], message: [])

    /// A session that has just sent MAIL FROM, both RCPT TO and DATA in one go.
    static func pipelined() -> SMTPSession {
        var session = SMTPSession(hostname: "h", envelope: two)
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(220): .send("EHLO h"),
                Self.reply(250, "mx", "PIPELINING"): .pipeline(["MAIL FROM:<a@b.c>", "RCPT TO:<x@d.e>", "RCPT TO:<y@d.e>", "DATA"]),
            ])
        return session
    }

    @Test("a refused recipient is reported and the others get the message; the connection then carries the next, free of those refusals")
    func partlyRefused() {
        var session = Self.pipelined()
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(250): .readNextReply,
                Self.reply(550, "no such user"): .readNextReply,
                Self.reply(250): .readNextReply,
                Self.reply(354): .sendMessage,
                Self.reply(250, "queued"): .delivered(DeliveryReceipt(response: "250 queued", rejected: ["x@d.e"])),
            ])
        // RFC 5321 §4.1.4: MAIL again, with no new greeting or EHLO.
        #expect(
            session.next(MailEnvelope(from: "a@b.c", recipients: ["z@d.e"], message: []))
                == .pipeline(["MAIL FROM:<a@b.c>", "RCPT TO:<z@d.e>", "DATA"]))
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(250): .readNextReply, Self.reply(250): .readNextReply, Self.reply(354): .sendMessage,
                Self.reply(250, "queued again"): .delivered(DeliveryReceipt(response: "250 queued again", rejected: [])),
                // A server closing a connection left idle too long says so first.
                Self.reply(421, "idle timeout"): .close,
            ])
    }

    @Test("every recipient refused: DATA's refusal is read too, and a temporary refusal makes it worth a retry")
    func allRefused() {
        var session = Self.pipelined()
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(250): .readNextReply,
                Self.reply(550, "unknown"): .readNextReply,
                Self.reply(450, "greylisted"): .readNextReply,
                Self.reply(554, "no valid recipients"): .failed(.temporary("x@d.e: 550 unknown; y@d.e: 450 greylisted")),
            ])
    }

    @Test("a server that takes DATA for a refused envelope gets a lone dot, an empty message (RFC 2920 §3.1)")
    func dataTakenAnyway() {
        var session = Self.pipelined()
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(250): .readNextReply,
                Self.reply(550, "unknown"): .readNextReply,
                Self.reply(550, "unknown"): .readNextReply,
                Self.reply(354): .send("."),
                Self.reply(554, "no valid recipients"): .failed(.permanent("x@d.e: 550 unknown; y@d.e: 550 unknown")),
            ])
    }

    @Test("a refused sender is reported once the replies to RCPT and DATA are read")
    func senderRefused() {
        var session = Self.pipelined()
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(550, "5.7.1 Sender refused"): .readNextReply,
                Self.reply(503, "need MAIL"): .readNextReply,
                Self.reply(503, "need MAIL"): .readNextReply,
                Self.reply(503, "need RCPT"): .failed(.permanent("MAIL FROM: 550 5.7.1 Sender refused")),
            ])
    }
}

import Foundation
import ParleyChannels
import ParleyCore
import ParleyMail
import ParleyTestSupport
import Testing

/// Against a real SMTP server (aiosmtpd, `Fixtures/smtp_sink.py`).
@Suite("SMTP transport", .serialized, .timeLimit(.minutes(5)))
struct SMTPTransportTests {
    @Test("a composed message reaches the server intact, dots and all; a refused mailbox is permanent, a greylisted one temporary")
    func againstARealServer() async throws {
        let sink = try await PythonFixture.smtpSink()
        defer { sink.stop() }
        let transport = SMTPTransport(host: "127.0.0.1", port: sink.port)
        let mail = OutgoingMail(
            from: try EmailAddress(parsing: "sklep@kubki.example").named("Kubki"), to: [try EmailAddress(parsing: "zofia@example.pl")],
            subject: "Zamówienie #9999 jest w drodze", text: "Dzień dobry,\n.kropka na początku linii\nPozdrawiamy", html: nil,
            messageID: "m1@kubki.example", date: Date(timeIntervalSince1970: 1_795_000_000))
        let message = Array(MailComposer.compose(mail).utf8)
        let receipt = try await transport.send(
            MailEnvelope(from: "bounces@kubki.example", recipients: ["zofia@example.pl"], message: message))
        #expect(receipt.response == "250 2.0.0 Ok: queued as SINK1")

        let stored = try Array(Data(contentsOf: sink.directory.appendingPathComponent("1.eml")))
        let envelopeLine = Array("X-Envelope: bounces@kubki.example -> zofia@example.pl\r\n".utf8)
        #expect(Array(stored.prefix(envelopeLine.count)) == envelopeLine)
        #expect(Array(stored.dropFirst(envelopeLine.count)) == message)

        await #expect(throws: TransportError.permanent("nobody@example.pl: 550 5.1.1 No such user here")) {
            try await transport.send(MailEnvelope(from: "a@kubki.example", recipients: ["nobody@example.pl"], message: message))
        }
        await #expect(throws: TransportError.temporary("later@example.pl: 451 4.7.1 Greylisted, try again later")) {
            try await transport.send(MailEnvelope(from: "a@kubki.example", recipients: ["later@example.pl"], message: message))
        }
        let tooBig = MailEnvelope(
            from: "a@kubki.example", recipients: ["zofia@example.pl"], message: Array(repeating: UInt8(ascii: "a"), count: 300_000))
        await #expect(throws: TransportError.self) { try await transport.send(tooBig) }
    }

    @Test("with PIPELINING the envelope goes in one write, with the same outcomes; 8-bit bytes are announced as BODY=8BITMIME")
    func pipelining() async throws {
        let sink = try await PythonFixture.smtpSink("--pipelining")
        defer { sink.stop() }
        let transport = SMTPTransport(host: "127.0.0.1", port: sink.port)
        let message = Array("Subject: =?UTF-8?Q?Zam=C3=B3wienie?=\r\n\r\nDzień dobry\r\n".utf8)
        let receipt = try await transport.send(
            MailEnvelope(from: "a@kubki.example", recipients: ["zofia@example.pl", "nobody@example.pl"], message: message))
        #expect(receipt.rejected == ["nobody@example.pl"])
        let session = try sink.smtpSession(1)
        #expect(session.pipelined)
        #expect(session.mailOptions == ["SIZE=\(message.count)", "BODY=8BITMIME"])

        let refused = "nobody@example.pl: 550 5.1.1 No such user here; later@example.pl: 451 4.7.1 Greylisted, try again later"
        await #expect(throws: TransportError.temporary(refused)) {
            try await transport.send(
                MailEnvelope(from: "a@kubki.example", recipients: ["nobody@example.pl", "later@example.pl"], message: message))
        }
        await #expect(throws: TransportError.permanent("MAIL FROM: 550 5.7.1 Sender refused")) {
            try await transport.send(MailEnvelope(from: "refused@kubki.example", recipients: ["zofia@example.pl"], message: message))
        }
        #expect(sink.files(withExtension: ".eml").count == 1)
    }

    @Test("nobody listening is a temporary failure")
    func nobodyListening() async throws {
        await #expect(throws: TransportError.self) {
            try await SMTPTransport(host: "127.0.0.1", port: 1, timeout: .seconds(5)).send(
                MailEnvelope(from: "a@b.c", recipients: ["d@e.f"], message: []))
        }
    }
}

/// What `Fixtures/smtp_sink.py` saw of the session that brought a message.
struct SMTPSinkSession: Decodable {
    let mailOptions: [String]
    let tls: Bool
    let authenticatedAs: String?
    let pipelined: Bool
    /// The client's address and port: the same for messages that came on one connection.
    let connection: String
}

extension PythonFixture {
    /// `Fixtures/smtp_sink.py` with `options` (`--starttls`, `--auth USER:PASSWORD`…), storing what it takes in `directory`.
    static func smtpSink(_ options: String...) async throws -> PythonFixture {
        try await PythonFixture(script: smtpSinkScript, arguments: options)
    }

    static let smtpSinkScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/smtp_sink.py")
        .path

    /// The session of the `number`th message taken.
    func smtpSession(_ number: Int) throws -> SMTPSinkSession {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(SMTPSinkSession.self, from: Data(contentsOf: directory.appendingPathComponent("\(number).json")))
    }

    /// Every AUTH attempt, one `MECHANISM user accepted|refused` a line; nil when there was none.
    var smtpAuthLog: String? { try? String(contentsOf: directory.appendingPathComponent("auth.log"), encoding: .utf8) }

    /// The throwaway CA that signed the sink's certificate, for `?ca=`.
    var smtpTrustedCA: String { directory.appendingPathComponent("ca.pem").path }
}

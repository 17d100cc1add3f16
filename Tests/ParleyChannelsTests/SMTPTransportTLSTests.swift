import Foundation
import ParleyChannels
import ParleyCore
import ParleyTestSupport
import Testing

/// STARTTLS, implicit TLS and AUTH against a real server (aiosmtpd, `Fixtures/smtp_sink.py`) with a
/// certificate from a CA made for the run.
@Suite("SMTP transport: TLS and AUTH", .serialized, .timeLimit(.minutes(5)))
struct SMTPTransportTLSTests {
    static let envelope = MailEnvelope(
        from: "bounces@kubki.example", recipients: ["zofia@example.pl"], message: Array("Subject: Paczka\r\n\r\nJest w drodze.\r\n".utf8))

    @Test("STARTTLS, then AUTH PLAIN: the message arrives over TLS from the authenticated user")
    func startTLSAndPlain() async throws {
        let sink = try await PythonFixture.smtpSink("--starttls", "--auth", "ola:s3cret")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://ola:s3cret@127.0.0.1:\(sink.port)?ca=\(sink.smtpTrustedCA)")
        #expect(try await transport.send(Self.envelope).response == "250 2.0.0 Ok: queued as SINK1")
        let session = try sink.smtpSession(1)
        #expect(session.tls)
        #expect(session.authenticatedAs == "ola")
        #expect(sink.smtpAuthLog == "PLAIN ola accepted\n")
    }

    @Test("AUTH LOGIN when the server offers nothing else")
    func login() async throws {
        let sink = try await PythonFixture.smtpSink("--starttls", "--auth", "ola:s3cret", "--auth-mechanisms", "LOGIN")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://ola:s3cret@127.0.0.1:\(sink.port)?ca=\(sink.smtpTrustedCA)")
        _ = try await transport.send(Self.envelope)
        #expect(try sink.smtpSession(1).authenticatedAs == "ola")
        #expect(sink.smtpAuthLog == "LOGIN ola accepted\n")
    }

    @Test("a wrong password fails for good, and the error does not repeat it")
    func wrongPassword() async throws {
        let sink = try await PythonFixture.smtpSink("--starttls", "--auth", "ola:s3cret")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://ola:hunter2@127.0.0.1:\(sink.port)?ca=\(sink.smtpTrustedCA)")
        let reason = "the SMTP server refused the username or password: 535 5.7.8 Authentication credentials invalid"
        await #expect(throws: TransportError.permanent(reason)) { try await transport.send(Self.envelope) }
        #expect(sink.smtpAuthLog == "PLAIN ola refused\n")
    }

    @Test("credentials require TLS: a server without STARTTLS never sees the password, though it would take it in the clear")
    func requiredTLSNotOffered() async throws {
        let sink = try await PythonFixture.smtpSink("--auth", "ola:s3cret", "--auth-in-clear")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtp://ola:s3cret@127.0.0.1:\(sink.port)")
        let reason = "the SMTP server does not offer STARTTLS, and TLS is required; the password was not sent"
        await #expect(throws: TransportError.permanent(reason)) { try await transport.send(Self.envelope) }
        #expect(sink.smtpAuthLog == nil)
        #expect(sink.files(withExtension: ".eml").isEmpty)
    }

    @Test("smtps:// speaks TLS from the first byte")
    func implicitTLS() async throws {
        let sink = try await PythonFixture.smtpSink("--implicit-tls", "--auth", "ola:s3cret")
        defer { sink.stop() }
        let transport = try SMTPTransport(url: "smtps://ola:s3cret@127.0.0.1:\(sink.port)?ca=\(sink.smtpTrustedCA)")
        _ = try await transport.send(Self.envelope)
        let session = try sink.smtpSession(1)
        #expect(session.tls)
        #expect(session.authenticatedAs == "ola")
    }

    @Test("a certificate from an authority nobody trusts stops the conversation before the password or message")
    func untrustedCertificate() async throws {
        for options in [["--starttls"], ["--implicit-tls"]] {
            let sink = try await PythonFixture(script: PythonFixture.smtpSinkScript, arguments: options + ["--auth", "ola:s3cret"])
            defer { sink.stop() }
            let scheme = options == ["--starttls"] ? "smtp" : "smtps"
            let transport = try SMTPTransport(url: "\(scheme)://ola:s3cret@127.0.0.1:\(sink.port)")
            await #expect {
                try await transport.send(Self.envelope)
            } throws: { error in
                guard case .temporary(let reason) = error as? TransportError else { return false }
                return reason.hasPrefix("TLS with the SMTP server at 127.0.0.1:\(sink.port) failed (for a private CA, add ?ca=")
            }
            #expect(sink.smtpAuthLog == nil)
            #expect(sink.files(withExtension: ".eml").isEmpty)
        }
    }

    @Test("a reply injected in the clear behind STARTTLS's 220 ends the conversation before TLS or the password")
    func injectionAfterStartTLS() async throws {
        let script = URL(fileURLWithPath: PythonFixture.smtpSinkScript).deletingLastPathComponent().appendingPathComponent(
            "smtp_starttls_injector.py")
        let server = try await PythonFixture(script: script.path)
        defer { server.stop() }
        let transport = try SMTPTransport(url: "smtp://ola:s3cret@127.0.0.1:\(server.port)")
        let reason = "the SMTP server at 127.0.0.1:\(server.port) sent more after agreeing to STARTTLS"
        await #expect(throws: TransportError.temporary(reason)) { try await transport.send(Self.envelope) }
    }
}

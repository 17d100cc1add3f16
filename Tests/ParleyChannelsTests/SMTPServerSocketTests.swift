import Foundation
import ParleyChannels
import ParleyCore
import Testing

/// The listener's socket side, with a client that writes exactly the bytes a test chooses: a whole
/// pipelined conversation in one write, bytes smuggled behind STARTTLS, stopping, too many clients.
@Suite("SMTP server on a socket", .serialized, .timeLimit(.minutes(5)))
struct SMTPServerSocketTests {
    static let configuration = InboundSMTPServer.Configuration(hostname: "mx.parley.test", maxMessageSize: 10_000)

    @Test("a conversation pipelined in one write, with a slow sink, is answered in order and the message is read only after 354")
    func pipelinedWithSlowSink() async throws {
        let sink = SMTPServerTestSink(slow: true)
        let message = "Subject: pipelined\r\n\r\n..dot\r\nQUIT\r\n"
        try await withSMTPServer(Self.configuration, sink: sink) { port in
            let client = try RawSMTPClient(port: port)
            _ = await client.readReply()
            await client.write(
                "EHLO raw.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<nobody@kubki.example>\r\nRCPT TO:<sklep@kubki.example>\r\nDATA\r\n"
                    + message + ".\r\nMAIL FROM:<c@d.example>\r\nRCPT TO:<nobody@kubki.example>\r\nDATA\r\nNOOP\r\nQUIT\r\n")
            var codes: [String] = []
            while let reply = await client.readReply() { codes.append(String(reply.prefix(3))) }
            #expect(codes == ["250", "250", "550", "250", "354", "250", "250", "550", "554", "250", "221"])
        }
        let deliveries = await sink.deliveries
        #expect(deliveries.map(\.body) == [Array("Subject: pipelined\r\n\r\n.dot\r\nQUIT\r\n".utf8)])
    }

    @Test("a command pipelined in the clear behind STARTTLS is dropped, not run once TLS is up (CVE-2011-0411)")
    func startTLSInjection() async throws {
        let (configuration, certificates) = try await SMTPClientScript.withTLS(Self.configuration)
        defer { try? FileManager.default.removeItem(at: certificates) }
        try await withSMTPServer(configuration, sink: SMTPServerTestSink()) { port in
            let ca = certificates.appendingPathComponent("ca.pem").path
            let outcome = try await SMTPClientScript.injectBehindStartTLS(port: port, ca: ca)
            #expect(outcome.startTLS == "220 2.0.0 Ready to start TLS\r\n")
            // Had the NOOP been kept, its 250 would come over TLS before the 221.
            #expect(outcome.overTLS == "221 2.0.0 Bye\r\n")
        }
    }

    @Test("a client that goes quiet hears 421 4.4.2 and is disconnected")
    func idleTimeout() async throws {
        var configuration = Self.configuration
        configuration.idleTimeout = .milliseconds(200)
        try await withSMTPServer(configuration, sink: SMTPServerTestSink()) { port in
            let client = try RawSMTPClient(port: port)
            await client.write("EHLO raw.example\r\nMAIL FROM:<a@b.example>\r\n")
            // How many commands are answered before the timeout depends on the machine's load; what
            // must hold is that the quiet client is told 421 last and then disconnected.
            var replies: [String] = []
            while let reply = await client.readReply() { replies.append(reply) }
            #expect(replies.last == "421 4.4.2 mx.parley.test Error: timeout exceeded\r\n")
            #expect(replies.dropLast().allSatisfy { $0.hasPrefix("2") })
        }
    }

    @Test("stopping: an idle client hears 421 4.3.2 and run() returns; a client beyond maxConnections hears 421 4.7.0")
    func stopping() async throws {
        var configuration = Self.configuration
        configuration.maxConnections = 1
        let server = InboundSMTPServer(host: "127.0.0.1", port: 0, sink: SMTPServerTestSink(), configuration: configuration)
        let running = Task { try await server.run() }
        let port = try await server.listeningPort()
        let client = try RawSMTPClient(port: port)
        #expect(await client.readReply() == "220 mx.parley.test ESMTP Parley\r\n")
        await client.write("EHLO raw.example\r\n")
        #expect(await client.readReply()?.hasPrefix("250-mx.parley.test\r\n") == true)
        let second = try RawSMTPClient(port: port)
        #expect(await second.readReply() == "421 4.7.0 mx.parley.test Error: too many connections\r\n")
        #expect(await second.readReply() == nil)

        running.cancel()
        #expect(await client.readReply() == "421 4.3.2 mx.parley.test Service shutting down\r\n")
        #expect(await client.readReply() == nil)
        try await running.value
    }

    @Test("one address cannot take every slot: its connection beyond the per-address limit hears 421 4.7.0, others still get in")
    func perAddress() async throws {
        var configuration = Self.configuration
        configuration.maxConnectionsPerAddress = 2
        let server = InboundSMTPServer(host: "127.0.0.1", port: 0, sink: SMTPServerTestSink(), configuration: configuration)
        let running = Task { try await server.run() }
        let port = try await server.listeningPort()
        let first = try RawSMTPClient(port: port)
        let second = try RawSMTPClient(port: port)
        #expect(await first.readReply() == "220 mx.parley.test ESMTP Parley\r\n")
        #expect(await second.readReply() == "220 mx.parley.test ESMTP Parley\r\n")
        let third = try RawSMTPClient(port: port)
        #expect(await third.readReply() == "421 4.7.0 mx.parley.test Error: too many connections from 127.0.0.1\r\n")
        #expect(await third.readReply() == nil)
        // A slot freed is a slot to take again.
        await first.write("QUIT\r\n")
        #expect(await first.readReply()?.hasPrefix("221") == true)
        #expect(await first.readReply() == nil)
        #expect(await eventuallyAccepted(port: port))
        running.cancel()
        try await running.value
    }

    /// Whether a new connection is greeted within a few seconds: a closed slot is freed a moment after the close.
    private func eventuallyAccepted(port: Int) async -> Bool {
        for _ in 0..<50 {
            if let client = try? RawSMTPClient(port: port), await client.readReply()?.hasPrefix("220") == true { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

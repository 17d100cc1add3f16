import Foundation
import ParleyChannels
import ParleyCore
import ParleyTestSupport
import Testing

/// Connections kept open between messages, against a real SMTP server (aiosmtpd, `Fixtures/smtp_sink.py`).
@Suite("SMTP connections kept open", .serialized, .timeLimit(.minutes(5)))
struct SMTPConnectionPoolTests {
    static func envelope(_ number: Int, to recipient: String = "zofia@example.pl") -> MailEnvelope {
        MailEnvelope(
            from: "bounces@kubki.example", recipients: [recipient],
            message: Array("Subject: Zamówienie #\(number)\r\n\r\nDzień dobry, wiadomość \(number)\r\n.kropka\r\n".utf8))
    }

    /// The messages the sink took, by number: the bytes after its envelope line.
    static func stored(_ sink: PythonFixture, _ number: Int) throws -> [UInt8] {
        let bytes = try Array(Data(contentsOf: sink.directory.appendingPathComponent("\(number).eml")))
        return Array(bytes.drop(while: { $0 != UInt8(ascii: "\n") }).dropFirst())
    }

    @Test("messages in a row travel on one connection, each intact, with STARTTLS and AUTH said once")
    func oneConnection() async throws {
        let sink = try await PythonFixture.smtpSink("--starttls", "--auth", "ola:s3cret", "--pipelining")
        defer { sink.stop() }
        var transport = try SMTPTransport(url: "smtp://ola:s3cret@127.0.0.1:\(sink.port)?ca=\(sink.smtpTrustedCA)")
        transport.pool = SMTPConnectionPool()
        for number in 1...5 {
            let receipt = try await transport.send(Self.envelope(number))
            #expect(receipt.response == "250 2.0.0 Ok: queued as SINK\(number)")
        }
        for number in 1...5 { #expect(try Self.stored(sink, number) == Self.envelope(number).message) }
        let sessions = try (1...5).map { try sink.smtpSession($0) }
        #expect(Set(sessions.map(\.connection)).count == 1)
        #expect(sessions.allSatisfy { $0.tls && $0.authenticatedAs == "ola" && $0.pipelined })
        #expect(sink.smtpAuthLog == "PLAIN ola accepted\n")
    }

    @Test("a refused message ends its connection, and the next goes on a new one; a connection carries at most its limit")
    func refusalsAndLimit() async throws {
        let sink = try await PythonFixture.smtpSink()
        defer { sink.stop() }
        var transport = SMTPTransport(host: "127.0.0.1", port: sink.port)
        transport.pool = SMTPConnectionPool(messagesPerConnection: 2)
        _ = try await transport.send(Self.envelope(1))
        await #expect(throws: TransportError.permanent("nobody@example.pl: 550 5.1.1 No such user here")) {
            try await transport.send(Self.envelope(2, to: "nobody@example.pl"))
        }
        for number in 2...6 { _ = try await transport.send(Self.envelope(number)) }
        let connections = try (1...6).map { try sink.smtpSession($0).connection }
        // 1 and the refusal on the first; then two a connection.
        #expect(connections[1] != connections[0])
        #expect(connections[1] == connections[2] && connections[3] == connections[4] && connections[5] != connections[4])
        #expect(connections[2] != connections[3])
        #expect(try Self.stored(sink, 6) == Self.envelope(6).message)
    }

    @Test("a connection the server closed while it waited is replaced, and the message still goes once")
    func closedWhileIdle() async throws {
        let sink = try await PythonFixture.smtpSink("--idle-timeout", "1")
        defer { sink.stop() }
        var transport = SMTPTransport(host: "127.0.0.1", port: sink.port)
        transport.pool = SMTPConnectionPool(idleTimeout: .seconds(60))
        _ = try await transport.send(Self.envelope(1))
        try await Task.sleep(for: .seconds(2))
        let receipt = try await transport.send(Self.envelope(2))
        #expect(receipt.response == "250 2.0.0 Ok: queued as SINK2")
        #expect(sink.files(withExtension: ".eml").count == 2)
        #expect(try sink.smtpSession(1).connection != sink.smtpSession(2).connection)
    }

    @Test("eight at once, three times: every message arrives once, on no more connections than were busy at once")
    func concurrent() async throws {
        let sink = try await PythonFixture.smtpSink("--pipelining")
        defer { sink.stop() }
        var pooled = SMTPTransport(host: "127.0.0.1", port: sink.port)
        pooled.pool = SMTPConnectionPool()
        let transport = pooled
        for round in 0..<3 {
            try await withThrowingTaskGroup(of: DeliveryReceipt.self) { group in
                for number in 1...8 { group.addTask { try await transport.send(Self.envelope(round * 8 + number)) } }
                for try await _ in group {}
            }
        }
        #expect(sink.files(withExtension: ".eml").count == 24)
        let bodies = try Set((1...24).map { try Self.stored(sink, $0) })
        #expect(bodies == Set((1...24).map { Self.envelope($0).message }))
        #expect(Set(try (1...24).map { try sink.smtpSession($0).connection }).count <= 8)
    }

    @Test("a server that stops answering fails the message as temporary after the time limit, and its connection is not kept")
    func silentServer() async throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/silent_smtp_server.py")
        let server = try await PythonFixture(script: script.path)
        defer { server.stop() }
        var transport = SMTPTransport(host: "127.0.0.1", port: server.port, timeout: .seconds(1))
        transport.pool = SMTPConnectionPool()
        for _ in 1...2 {
            await #expect(throws: TransportError.temporary("the SMTP server at 127.0.0.1:\(server.port) did not finish within 1.0 seconds"))
            {
                try await transport.send(Self.envelope(1))
            }
        }
        let connections = try String(contentsOf: server.directory.appendingPathComponent("connections"), encoding: .utf8)
        #expect(connections == "2")
    }
}

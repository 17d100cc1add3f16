import Foundation
import ParleyChannels
import ParleyCore
import ParleyMail
import Testing

/// Against a real SMTP server (aiosmtpd, `Fixtures/smtp_sink.py`).
@Suite("SMTP transport", .serialized)
struct SMTPTransportTests {
    @Test("a composed message reaches the server intact, dots and all; a refused mailbox is permanent, a greylisted one temporary")
    func againstARealServer() async throws {
        let sink = try SMTPSink()
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

    @Test("nobody listening is a temporary failure")
    func nobodyListening() async throws {
        await #expect(throws: TransportError.self) {
            try await SMTPTransport(host: "127.0.0.1", port: 1, timeout: .seconds(5)).send(
                MailEnvelope(from: "a@b.c", recipients: ["d@e.f"], message: []))
        }
    }
}

/// `Fixtures/smtp_sink.py` running on a free port, storing messages in a fresh folder.
final class SMTPSink: Sendable {
    let process: Process
    let port: Int
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = Int.random(in: 41_000..<49_000)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/smtp_sink.py").path
        process.arguments = ["python3", script, String(port), directory.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The script prints `ready` once it listens; anything else (no aiosmtpd: pip install aiosmtpd) fails here.
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard line.hasPrefix("ready") else {
            process.terminate()
            throw TransportError.permanent("the SMTP sink did not start (is aiosmtpd installed?): \(line)")
        }
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: directory)
    }
}

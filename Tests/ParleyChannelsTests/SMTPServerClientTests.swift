import Foundation
import ParleyChannels
import ParleyCore
import Testing

/// The listener on loopback against a real client, Python's smtplib (`Fixtures/smtp_client.py`):
/// the sink gets exactly the bytes the client meant, with the trace field on top.
@Suite("SMTP server with a real client", .serialized, .timeLimit(.minutes(5)))
struct SMTPServerClientTests {
    typealias Transaction = SMTPClientScript.Transaction

    static let configuration = InboundSMTPServer.Configuration(hostname: "mx.parley.test", maxMessageSize: 10_000)

    @Test("a UTF-8 message with SMTPUTF8 and lines starting with dots arrives byte for byte")
    func utf8AndDots() async throws {
        let sink = SMTPServerTestSink()
        let message = Array(
            "From: Łucja <łucja@przykład.pl>\r\nTo: sklep@kubki.example\r\nSubject: Zamówienie\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDzień dobry,\r\n.kropka\r\n..dwie\r\n.\r\n. \r\nŻółw\r\n"
                .utf8)
        try await withSMTPServer(Self.configuration, sink: sink) { port in
            let outcome = try await SMTPClientScript.send(
                port: port,
                [
                    Transaction(
                        from: "łucja@przykład.pl", to: ["sklep@kubki.example"], options: ["SMTPUTF8", "BODY=8BITMIME"], message: message)
                ])
            #expect(outcome.ehlo.contains("smtputf8") && outcome.ehlo.contains("8bitmime") && outcome.ehlo.contains("pipelining"))
            #expect(outcome.ehlo.contains("size") && !outcome.ehlo.contains("starttls"))
            #expect(outcome.transactions.first?.data?.code == 250)
            #expect(outcome.transactions.first?.data?.text == "2.0.0 Ok: queued as MSG1")
            #expect(outcome.quit == 221)
        }
        let deliveries = await sink.deliveries
        #expect(deliveries.count == 1)
        #expect(deliveries.first?.body == message)
        #expect(deliveries.first?.envelope.mailFrom == "łucja@przykład.pl")
        #expect(deliveries.first?.envelope.recipients == ["sklep@kubki.example"])
        #expect(deliveries.first?.envelope.heloName == "client.example")
        #expect(deliveries.first?.envelope.remoteAddress == "127.0.0.1")
        let received = deliveries.first.map { String(decoding: $0.message.prefix(200), as: UTF8.self) }
        #expect(received?.hasPrefix("Received: from client.example ([127.0.0.1])\r\n\tby mx.parley.test with UTF8SMTP id ") == true)
    }

    @Test("an oversize message gets 552, announced or not, and the sink gets nothing")
    func oversize() async throws {
        let sink = SMTPServerTestSink()
        let big = Array(String(repeating: String(repeating: "x", count: 98) + "\r\n", count: 101).utf8)
        try await withSMTPServer(Self.configuration, sink: sink) { port in
            let outcome = try await SMTPClientScript.send(
                port: port,
                [
                    Transaction(from: "a@b.example", to: ["sklep@kubki.example"], options: ["SIZE=\(big.count)"], message: big),
                    Transaction(from: "a@b.example", to: ["sklep@kubki.example"], message: big),
                    Transaction(from: "a@b.example", to: ["sklep@kubki.example"], message: Array(big.prefix(9_000))),
                ])
            let tooBig = "5.3.4 Message exceeds fixed maximum message size of 10000 bytes"
            #expect(outcome.transactions.map(\.mail.code) == [552, 250, 250])
            #expect(outcome.transactions[0].mail.text == tooBig)
            #expect(outcome.transactions[1].data?.code == 552)
            #expect(outcome.transactions[1].data?.text == tooBig)
            #expect(outcome.transactions[2].data?.code == 250)
        }
        #expect(await sink.deliveries.map(\.body) == [Array(big.prefix(9_000))])
    }

    @Test("a refused recipient among taken ones: 550 for it, the message for the others")
    func refusedRecipient() async throws {
        let sink = SMTPServerTestSink()
        let message = Array("Subject: hi\r\n\r\nHello\r\n".utf8)
        try await withSMTPServer(Self.configuration, sink: sink) { port in
            let outcome = try await SMTPClientScript.send(
                port: port,
                [Transaction(from: "", to: ["sklep@kubki.example", "nobody@kubki.example", "biuro@kubki.example"], message: message)])
            #expect(outcome.transactions[0].rcpt.map(\.code) == [250, 550, 250])
            #expect(outcome.transactions[0].rcpt[1].text == "5.1.1 No such user here")
            #expect(outcome.transactions[0].data?.code == 250)
        }
        let deliveries = await sink.deliveries
        #expect(deliveries.map(\.envelope.recipients) == [["sklep@kubki.example", "biuro@kubki.example"]])
        #expect(deliveries.map(\.envelope.mailFrom) == [""])
        #expect(deliveries.map(\.body) == [message])
    }

    @Test("STARTTLS with a certificate the client checks, then the message over TLS")
    func startTLS() async throws {
        let (configuration, certificates) = try await SMTPClientScript.withTLS(Self.configuration)
        defer { try? FileManager.default.removeItem(at: certificates) }
        let sink = SMTPServerTestSink()
        let message = Array("Subject: tls\r\n\r\nSecret\r\n".utf8)
        try await withSMTPServer(configuration, sink: sink) { port in
            let ca = certificates.appendingPathComponent("ca.pem").path
            let outcome = try await SMTPClientScript.send(
                port: port, ca: ca, [Transaction(from: "a@b.example", to: ["sklep@kubki.example"], message: message)])
            #expect(outcome.tls)
            #expect(!outcome.ehlo.contains("starttls"))
            #expect(outcome.transactions[0].data?.code == 250)
        }
        let deliveries = await sink.deliveries
        #expect(deliveries.map(\.body) == [message])
        #expect(deliveries.first.map { String(decoding: $0.message, as: UTF8.self).contains("with ESMTPS id ") } == true)
    }

    @Test("a sink that cannot store: the client hears 451 and may retry on the same connection")
    func sinkFailure() async throws {
        let sink = SMTPServerTestSink()
        await sink.fail(true)
        let message = Array("Subject: retry\r\n\r\nAgain\r\n".utf8)
        try await withSMTPServer(Self.configuration, sink: sink) { port in
            let outcome = try await SMTPClientScript.send(
                port: port, [Transaction(from: "a@b.example", to: ["sklep@kubki.example"], message: message)])
            #expect(outcome.transactions[0].data?.code == 451)
            #expect(outcome.transactions[0].data?.text == "4.3.0 Error: the message could not be stored; try again later")
            #expect(outcome.quit == 221)
        }
        #expect(await sink.deliveries.isEmpty)
    }
}

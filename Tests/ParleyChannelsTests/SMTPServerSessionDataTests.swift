import ParleyCore
import Testing

@testable import ParleyChannels

/// The message after DATA: where it ends, dot-stuffing, the size limit, the trace field, the sink's
/// answer (RFC 5321 §4.1.1.4, §4.4, §4.5.2; RFC 1870).
@Suite("SMTP server session: the message")
struct SMTPServerSessionDataTests {
    typealias Driver = SMTPServerSessionDriver

    /// A driver that has just said 354.
    static func inData(_ settings: SMTPServerSession.Settings = Driver.settings) -> Driver {
        var driver = Driver(settings: settings)
        driver.feed("EHLO client.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\n")
        #expect(driver.feed("DATA\r\n") == "354 End data with <CR><LF>.<CR><LF>\r\n")
        return driver
    }

    @Test("dot-stuffing is undone byte for byte; commands inside the message are text")
    func dotStuffing() {
        var driver = Self.inData()
        let reply = driver.feed("Subject: dots\r\n\r\n..leading dot\r\n...\r\n. \r\n.\tx\r\nQUIT\r\nmiddle . dot\r\n.\r\n")
        #expect(reply == "250 2.0.0 Ok: queued as Q1\r\n")
        #expect(driver.lastBody == "Subject: dots\r\n\r\n.leading dot\r\n..\r\n \r\n\tx\r\nQUIT\r\nmiddle . dot\r\n")
    }

    @Test("an empty message is refused for good, as the API refuses an empty body, and the session goes on")
    func emptyMessage() {
        var driver = Self.inData()
        #expect(driver.feed(".\r\n") == "554 5.6.0 Error: the message is empty\r\n")
        #expect(driver.delivered.isEmpty)
        #expect(driver.feed("MAIL FROM:<a@b.example>\r\n") == "250 2.1.0 Ok\r\n")
    }

    @Test("the trace field names the client, this server, the protocol, the id and the one recipient")
    func receivedField() {
        var driver = Self.inData()
        driver.feed("Hi\r\n.\r\n")
        let received =
            "Received: from client.example ([203.0.113.5])\r\n\tby mx.test with ESMTP id CONN.1\r\n\tfor <x@y.example>; Tue, 14 Nov 2023 22:13:20 +0000\r\nHi\r\n"
        #expect(driver.delivered.first.map { String(decoding: $0.message, as: UTF8.self) } == received)
        #expect(
            driver.delivered.first?.envelope
                == InboundEnvelope(
                    mailFrom: "a@b.example", recipients: ["x@y.example"], heloName: "client.example", remoteAddress: "203.0.113.5"))

        var helo = Driver()
        helo.feed("HELO (evil)\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nRCPT TO:<z@y.example>\r\nDATA\r\nHi\r\n.\r\n")
        let field = helo.delivered.first.map { String(decoding: $0.message, as: UTF8.self) }
        #expect(
            field == "Received: from _evil_ ([203.0.113.5])\r\n\tby mx.test with SMTP id CONN.1; Tue, 14 Nov 2023 22:13:20 +0000\r\nHi\r\n")

        var utf8 = Driver()
        utf8.feed("EHLO c.example\r\nSTARTTLS\r\n")
        utf8.feed("EHLO c.example\r\nMAIL FROM:<zofia@przykład.pl> SMTPUTF8\r\nRCPT TO:<łucja@kubki.example>\r\nDATA\r\nHi\r\n.\r\n")
        #expect(utf8.delivered.first.map { String(decoding: $0.message, as: UTF8.self) }?.contains("with UTF8SMTPS id CONN.1") == true)
    }

    @Test("a message of exactly the limit is taken; one byte more is read to the end, refused with 552, and not stored")
    func sizeLimit() {
        let line = String(repeating: "a", count: 98) + "\r\n"
        var driver = Self.inData()
        #expect(driver.feed(String(repeating: line, count: 10) + ".\r\n") == "250 2.0.0 Ok: queued as Q1\r\n")
        #expect(driver.lastBody?.utf8.count == 1000)

        driver.feed("MAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\n")
        let reply = driver.feed(String(repeating: line, count: 10) + "b\r\n" + String(repeating: line, count: 50) + ".\r\n")
        #expect(reply == "552 5.3.4 Message exceeds fixed maximum message size of 1000 bytes\r\n")
        #expect(driver.delivered.count == 1)
        #expect(driver.feed("MAIL FROM:<a@b.example>\r\n") == "250 2.1.0 Ok\r\n")
    }

    @Test("a line longer than the framer holds stays one line, whatever its length")
    func longMessageLine() {
        var settings = Driver.settings
        settings.maxMessageSize = 10_000
        var driver = Self.inData(settings)
        let long = "." + String(repeating: "x", count: 2_500)
        driver.feed("." + long + "\r\n.\r\n")
        #expect(driver.lastBody == long + "\r\n")
    }

    @Test("a client that speaks bare LF throughout ends lines and the message with it")
    func bareLFClient() {
        var driver = Driver()
        driver.feed("EHLO lf.example\nMAIL FROM:<a@b.example>\nRCPT TO:<x@y.example>\nDATA\n")
        #expect(driver.feed("Subject: lf\n\n..dot\n.\n") == "250 2.0.0 Ok: queued as Q1\r\n")
        #expect(driver.lastBody == "Subject: lf\r\n\r\n.dot\r\n")
    }

    @Test(
        "from a client that speaks CRLF, a dot next to a bare LF does not end the message (SMTP smuggling)",
        arguments: ["\n.\r\n", "\r\n.\n", "\n.\n"])
    func smuggling(ending: String) {
        var driver = Self.inData()
        let smuggled = "MAIL FROM:<ceo@kubki.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nSubject: pay\r\n"
        driver.feed("Subject: hi\r\n\r\nHello" + ending + smuggled)
        #expect(driver.delivered.isEmpty)
        #expect(driver.feed("\r\n.\r\n") == "250 2.0.0 Ok: queued as Q1\r\n")
        #expect(driver.delivered.count == 1)
        #expect(driver.lastBody?.contains("MAIL FROM:<ceo@kubki.example>\r\n") == true)
    }

    @Test("a sink that cannot store the message: 451 4.3.0, and the session goes on")
    func sinkFailure() {
        var driver = Self.inData()
        driver.failing = true
        #expect(driver.feed("Hi\r\n.\r\n") == "451 4.3.0 Error: the message could not be stored; try again later\r\n")
        driver.failing = false
        driver.feed("MAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nHi again\r\n.\r\n")
        #expect(driver.lastBody == "Hi again\r\n")
    }
}

import ParleyCore
import Testing

@testable import ParleyChannels

/// The listener's conversation, command by command, with no socket (RFC 5321, 1870, 2034, 3207, 6531).
@Suite("SMTP server session")
struct SMTPServerSessionTests {
    typealias Driver = SMTPServerSessionDriver

    /// Where a command can arrive: the lines that lead there.
    static let states: [(name: String, lines: [String])] = [
        ("connected", []),
        ("greeted", ["EHLO client.example"]),
        ("sender given", ["EHLO client.example", "MAIL FROM:<a@b.example>"]),
        ("recipient given", ["EHLO client.example", "MAIL FROM:<a@b.example>", "RCPT TO:<x@y.example>"]),
    ]

    /// Each command and the reply code it gets in each of `states`, in order.
    static let commands: [(String, [Int])] = [
        ("EHLO h.example", [250, 250, 250, 250]),
        ("HELO h.example", [250, 250, 250, 250]),
        ("EHLO", [501, 501, 501, 501]),
        ("MAIL FROM:<c@d.example>", [503, 250, 503, 503]),
        ("RCPT TO:<e@f.example>", [503, 503, 250, 250]),
        ("DATA", [503, 503, 554, 354]),
        ("DATA now", [503, 503, 501, 501]),
        ("RSET", [250, 250, 250, 250]),
        ("RSET all", [501, 501, 501, 501]),
        ("NOOP", [250, 250, 250, 250]),
        ("VRFY zofia", [252, 252, 252, 252]),
        ("HELP", [214, 214, 214, 214]),
        ("STARTTLS", [220, 220, 503, 503]),
        ("EXPN staff", [502, 502, 502, 502]),
        ("BDAT 10 LAST", [502, 502, 502, 502]),
        ("AUTH PLAIN", [502, 502, 502, 502]),
        ("FROB", [500, 500, 500, 500]),
        ("", [500, 500, 500, 500]),
        ("QUIT", [221, 221, 221, 221]),
    ]

    @Test("every command in every state gets the reply RFC 5321 gives it", arguments: commands)
    func commandInEveryState(command: String, codes: [Int]) {
        for (state, expected) in zip(Self.states, codes) {
            var driver = Driver()
            for line in state.lines { driver.feed(line + "\r\n") }
            let reply = driver.feed(command + "\r\n")
            #expect(reply.prefix(4) == "\(expected) " || reply.prefix(4) == "\(expected)-", "\(command) when \(state.name): \(reply)")
        }
    }

    @Test("the greeting and EHLO announce the extensions; STARTTLS only while in the clear and when configured")
    func ehlo() {
        var driver = Driver()
        #expect(driver.output == "220 mx.test ESMTP Parley\r\n")
        #expect(
            driver.feed("EHLO client.example\r\n")
                == "250-mx.test\r\n250-PIPELINING\r\n250-SIZE 1000\r\n250-8BITMIME\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250 SMTPUTF8\r\n"
        )
        #expect(driver.feed("HELO client.example\r\n") == "250 mx.test\r\n")
        var settings = Driver.settings
        settings.tlsAvailable = false
        var plain = Driver(settings: settings)
        #expect(!plain.feed("EHLO client.example\r\n").contains("STARTTLS"))
        #expect(plain.feed("STARTTLS\r\n") == "502 5.5.1 Error: command not implemented\r\n")
    }

    @Test("STARTTLS: commands pipelined behind it in the clear are dropped, and the session starts over (CVE-2011-0411)")
    func startTLS() {
        var driver = Driver()
        driver.feed("EHLO client.example\r\n")
        #expect(
            driver.feed("STARTTLS\r\nMAIL FROM:<evil@x.example>\r\nRCPT TO:<x@y.example>\r\n") == "220 2.0.0 Ready to start TLS\r\n[TLS]")
        #expect(driver.feed("MAIL FROM:<a@b.example>\r\n") == "503 5.5.1 Error: send HELO/EHLO first\r\n")
        let ehlo = driver.feed("EHLO client.example\r\n")
        #expect(ehlo.hasPrefix("250-mx.test") && !ehlo.contains("STARTTLS"))
        #expect(driver.feed("STARTTLS\r\n") == "503 5.5.1 Error: TLS already active\r\n")
        #expect(driver.feed("MAIL FROM:<a@b.example>\r\n") == "250 2.1.0 Ok\r\n")
    }

    @Test("requireTLS: no mail before STARTTLS")
    func requireTLS() {
        var settings = Driver.settings
        settings.requireTLS = true
        var driver = Driver(settings: settings)
        driver.feed("EHLO client.example\r\n")
        #expect(driver.feed("MAIL FROM:<a@b.example>\r\n") == "530 5.7.0 Must issue a STARTTLS command first\r\n")
        driver.feed("STARTTLS\r\n")
        driver.feed("EHLO client.example\r\n")
        #expect(driver.feed("MAIL FROM:<a@b.example>\r\n") == "250 2.1.0 Ok\r\n")
    }

    @Test("MAIL parameters: SIZE over the limit is refused before the message is sent; BODY and SMTPUTF8 are known")
    func mailParameters() {
        let cases: [(String, String)] = [
            ("MAIL FROM:<a@b.example> SIZE=1000 BODY=8BITMIME", "250 2.1.0 Ok"),
            ("MAIL FROM:<a@b.example> SIZE=1001", "552 5.3.4 Message exceeds fixed maximum message size of 1000 bytes"),
            ("MAIL FROM:<a@b.example> SIZE=99999999999999999999999", "552 5.3.4 Message exceeds fixed maximum message size of 1000 bytes"),
            ("MAIL FROM:<a@b.example> SIZE=ten", "501 5.5.4 Bad SIZE parameter"),
            ("MAIL FROM:<a@b.example> body=7bit", "250 2.1.0 Ok"),
            ("MAIL FROM:<a@b.example> BODY=BINARYMIME", "501 5.5.4 Bad BODY parameter"),
            ("MAIL FROM:<a@b.example> RET=HDRS", "555 5.5.4 Unsupported option: RET"),
            ("MAIL FROM:<zofia@przykład.pl>", "553 5.6.7 Error: SMTPUTF8 is required for a non-ASCII address"),
            ("MAIL FROM:<zofia@przykład.pl> SMTPUTF8", "250 2.1.0 Ok"),
            ("MAIL FROM:<>", "250 2.1.0 Ok"),
            ("MAIL FROM: <a@b.example>", "250 2.1.0 Ok"),
            ("MAIL FROM:a@b.example", "250 2.1.0 Ok"),
            ("MAIL FROM:<@relay.example:a@b.example>", "250 2.1.0 Ok"),
            ("MAIL FROM:<\"Zofia <K>\"@b.example>", "250 2.1.0 Ok"),
            ("MAIL FROM:<a@b.example", "501 5.1.7 Bad sender address syntax"),
            ("MAIL FROM:<a b@c.example>", "501 5.1.7 Bad sender address syntax"),
            ("MAIL FROM:<a@>", "501 5.1.7 Bad sender address syntax"),
            ("MAIL TO:<a@b.example>", "501 5.5.4 Syntax: MAIL FROM:<address>"),
        ]
        for (command, reply) in cases {
            var driver = Driver()
            driver.feed("EHLO client.example\r\n")
            #expect(driver.feed(command + "\r\n") == reply + "\r\n", "\(command)")
        }
    }

    @Test("RCPT: the sink's refusal is 550 5.1.1, more than the limit 452 4.5.3, and DATA needs one taken")
    func recipients() {
        var driver = Driver()
        driver.feed("EHLO client.example\r\nMAIL FROM:<a@b.example>\r\n")
        #expect(driver.feed("RCPT TO:<nobody@kubki.example>\r\n") == "550 5.1.1 No such user here\r\n")
        #expect(driver.feed("DATA\r\n") == "554 5.5.1 Error: no valid recipients\r\n")
        #expect(driver.feed("RCPT TO:<>\r\n") == "501 5.1.3 Bad recipient address syntax\r\n")
        #expect(driver.feed("RCPT TO:<x@y.example> NOTIFY=NEVER\r\n") == "555 5.5.4 Unsupported option: NOTIFY\r\n")
        #expect(
            driver.feed("RCPT TO:<Postmaster>\r\nRCPT TO:<x@y.example>\r\nRCPT TO:<x@y.example>\r\n")
                == String(repeating: "250 2.1.5 Ok\r\n", count: 3))
        #expect(
            driver.feed("RCPT TO:<z@y.example>\r\nRCPT TO:<w@y.example>\r\n") == "250 2.1.5 Ok\r\n452 4.5.3 Error: too many recipients\r\n")
        driver.feed("DATA\r\nHi\r\n.\r\n")
        #expect(driver.delivered.last?.envelope.recipients == ["Postmaster", "x@y.example", "z@y.example"])
    }

    @Test("RSET and a new EHLO end the transaction; a new one can start")
    func reset() {
        var driver = Driver()
        driver.feed("EHLO client.example\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\n")
        #expect(driver.feed("RSET\r\nDATA\r\n") == "250 2.0.0 Ok\r\n503 5.5.1 Error: need MAIL command\r\n")
        driver.feed("MAIL FROM:<a@b.example>\r\nRCPT TO:<x@y.example>\r\n")
        #expect(driver.feed("EHLO again.example\r\nRCPT TO:<x@y.example>\r\n").hasSuffix("503 5.5.1 Error: need MAIL command\r\n"))
        driver.feed("MAIL FROM:<c@d.example>\r\nRCPT TO:<x@y.example>\r\nDATA\r\nHi\r\n.\r\n")
        #expect(
            driver.delivered.map(\.envelope) == [
                InboundEnvelope(
                    mailFrom: "c@d.example", recipients: ["x@y.example"], heloName: "again.example", remoteAddress: "203.0.113.5")
            ])
    }

    @Test("a command over 1000 bytes is refused whole, and the next one is read as usual")
    func longCommand() {
        var driver = Driver()
        let long = "NOOP " + String(repeating: "x", count: 1_000)
        #expect(driver.feed(long + "\r\nNOOP\r\n") == "500 5.5.6 Error: line too long\r\n250 2.0.0 Ok\r\n")
        #expect(driver.feed("NOOP " + String(repeating: "x", count: 995) + "\r\n") == "250 2.0.0 Ok\r\n")
    }

    @Test("the tenth refused command closes the connection with 421")
    func tooManyErrors() {
        var driver = Driver()
        #expect(
            driver.feed(String(repeating: "FROB\r\n", count: 9))
                == String(repeating: "500 5.5.2 Error: command not recognized\r\n", count: 9))
        #expect(
            driver.feed("FROB\r\nNOOP\r\n")
                == "500 5.5.2 Error: command not recognized\r\n421 4.7.0 mx.test Error: too many errors\r\n[closed]")
    }

    @Test("QUIT, a web request, an idle timeout and shutdown each say why and close")
    func closing() {
        var driver = Driver()
        #expect(driver.feed("QUIT\r\nNOOP\r\n") == "221 2.0.0 Bye\r\n[closed]")
        driver = Driver()
        #expect(driver.feed("GET / HTTP/1.1\r\nHost: x\r\n") == "221 2.7.0 Error: this is an SMTP server\r\n[closed]")
        driver = Driver()
        driver.perform(driver.session.timedOut())
        #expect(driver.output.hasSuffix("421 4.4.2 mx.test Error: timeout exceeded\r\n[closed]"))
        driver = Driver()
        driver.perform(driver.session.shutDown())
        #expect(driver.output.hasSuffix("421 4.3.2 mx.test Service shutting down\r\n[closed]"))
    }

    @Test("shutdown while the sink stores a message: the client hears 250 first, then 421")
    func shutdownWhileDelivering() {
        var session = SMTPServerSession(settings: Driver.settings, remoteAddress: nil, connectionID: "C")
        for line in ["EHLO c.example", "MAIL FROM:<a@b.example>", "RCPT TO:<x@y.example>"] {
            _ = session.received(.line(Array(line.utf8), .crlf), at: Driver.date)
        }
        #expect(session.recipientChecked(.accept) == [.reply(250, "2.1.5 Ok")])
        _ = session.received(.line(Array("DATA".utf8), .crlf), at: Driver.date)
        _ = session.received(.line(Array("Hi".utf8), .crlf), at: Driver.date)
        guard case .deliver = session.received(.line(Array(".".utf8), .crlf), at: Driver.date).first else {
            Issue.record("no delivery")
            return
        }
        #expect(session.isAwaitingSink)
        #expect(session.shutDown() == [])
        #expect(
            session.delivered(id: "Q1") == [
                .reply(250, "2.0.0 Ok: queued as Q1"), .reply(421, "4.3.2 mx.test Service shutting down"), .close,
            ])
    }
}

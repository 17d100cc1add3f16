import ParleyCore
import Testing

@testable import ParleyChannels

@Suite("SMTP session: AUTH")
struct SMTPSessionAuthTests {
    static let reply = SMTPSessionTests.reply
    static let credentials = SMTPCredentials(username: "ola", password: "s3cret")

    /// A session with credentials, through STARTTLS and the EHLO over TLS that offers `extensions`.
    static func encrypted(offering extensions: String...) -> (session: SMTPSession, action: SMTPSession.Action) {
        var session = SMTPSession(hostname: "h", envelope: SMTPSessionTests.envelope, tls: .required, credentials: credentials)
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(220): .send("EHLO h"),
                Self.reply(250, "mx", "STARTTLS"): .send("STARTTLS"),
                Self.reply(220): .startTLS(then: "EHLO h"),
            ])
        let action = session.received(SMTPReply(code: 250, lines: ["mx"] + extensions))
        return (session, action)
    }

    @Test("PLAIN is preferred: one command with the credentials, then the envelope")
    func plain() {
        var (session, action) = Self.encrypted(offering: "AUTH LOGIN PLAIN", "SIZE 1000")
        #expect(action == .send("AUTH PLAIN AG9sYQBzM2NyZXQ="))
        SMTPSessionTests.expect(&session, [Self.reply(235, "2.7.0 ok"): .send("MAIL FROM:<sklep@kubki.example> SIZE=18")])
    }

    @Test("LOGIN answers the username challenge, then the password challenge")
    func login() {
        var (session, action) = Self.encrypted(offering: "AUTH LOGIN")
        #expect(action == .send("AUTH LOGIN"))
        SMTPSessionTests.expect(
            &session,
            [
                Self.reply(334, "VXNlcm5hbWU6"): .send("b2xh"),
                Self.reply(334, "UGFzc3dvcmQ6"): .send("czNjcmV0"),
                Self.reply(235): .send("MAIL FROM:<sklep@kubki.example>"),
            ])
    }

    @Test("a refused password, no AUTH, or only mechanisms Parley does not speak fail for good")
    func refusals() {
        var (session, _) = Self.encrypted(offering: "AUTH PLAIN")
        let refused = "the SMTP server refused the username or password: 535 5.7.8 Authentication credentials invalid"
        SMTPSessionTests.expect(&session, [Self.reply(535, "5.7.8 Authentication credentials invalid"): .failed(.permanent(refused))])

        #expect(
            Self.encrypted(offering: "SIZE 1000").action
                == .failed(.permanent("the SMTP server does not offer AUTH, but a username and password are configured")))
        #expect(
            Self.encrypted(offering: "AUTH CRAM-MD5 XOAUTH2").action
                == .failed(.permanent("the SMTP server offers AUTH CRAM-MD5 XOAUTH2; Parley speaks PLAIN and LOGIN")))
    }

    @Test("the password is never sent in the clear, whatever the TLS mode")
    func neverInTheClear() {
        let cases: [(SMTPTransport.TLSMode, String)] = [
            (.none, "the SMTP password is never sent unencrypted, and TLS is off (tls=none)"),
            (.opportunistic, "the SMTP password is never sent unencrypted, and the server did not start TLS"),
            (.required, "the SMTP server does not offer STARTTLS, and TLS is required; the password was not sent"),
        ]
        for (tls, reason) in cases {
            var session = SMTPSession(hostname: "h", envelope: SMTPSessionTests.envelope, tls: tls, credentials: Self.credentials)
            SMTPSessionTests.expect(
                &session, [Self.reply(220): .send("EHLO h"), Self.reply(250, "mx", "AUTH PLAIN"): .failed(.permanent(reason))])
        }
    }

    @Test("printing credentials or a transport never shows the password")
    func passwordHidden() {
        let transport = SMTPTransport(host: "relay.example", credentials: Self.credentials)
        #expect("\(Self.credentials)" == "ola (password hidden)")
        #expect(!String(reflecting: transport).contains("s3cret"))
        #expect(!"\(transport)".contains("s3cret"))
    }
}

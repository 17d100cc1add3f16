import Foundation
import ParleyMail
import Testing

/// A bounce in `Fixtures/bounces` and what Parley must read from it.
struct BounceCase: Sendable, CustomTestStringConvertible {
    var file: String
    var recipients: [DeliveryReport.Recipient]
    var originalMessageID: String
    var testDescription: String { file }

    var raw: [UInt8] {
        get throws {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/bounces")
            return Array(try Data(contentsOf: folder.appendingPathComponent(file)))
        }
    }

    static let all: [BounceCase] = [
        BounceCase(
            file: "postfix-rfc822.eml",
            recipients: [
                .init(
                    address: "nobody@example.org", action: .failed, status: "5.1.1",
                    diagnostic: "550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown in virtual mailbox table"),
                // Forwarded by an alias: the address Parley sent to, not the mailbox it led to.
                .init(
                    address: "info@example.net", action: .failed, status: "5.2.2",
                    diagnostic: "552 5.2.2 <jan.kowalski@mail.example.net>: Mailbox full"),
            ],
            originalMessageID: "order-1011.shipped.7f3a@kubki.example"),
        BounceCase(
            file: "exim-dsn.eml",
            recipients: [
                .init(
                    address: "nobody@example.com", action: .failed, status: "5.0.0",
                    diagnostic: "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table")
            ],
            originalMessageID: "order-1012.shipped.a91c@kubki.example"),
        BounceCase(
            file: "gmail-rfc822-headers.eml",
            recipients: [
                .init(
                    address: "nobody@example.com", action: .failed, status: "5.1.1",
                    diagnostic: "550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 "
                        + "double-checking the recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more "
                        + "information, go to 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser "
                        + "5b1f17b1804b1-4532dea1b2csi4461215e9.83 - gsmtp")
            ],
            originalMessageID: "order-1013.shipped.c02e@kubki.example"),
        BounceCase(
            file: "office365-ndr.eml",
            recipients: [
                .init(
                    address: "piotr.zielinski@example.org", action: .failed, status: "5.1.10",
                    diagnostic: "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")
            ],
            originalMessageID: "order-1014.shipped.5d2b@kubki.example"),
        BounceCase(
            file: "office365-delayed.eml",
            recipients: [
                .init(address: "anna@slow.example.net", action: .delayed, status: "4.4.7", diagnostic: "400 4.4.7 Message delayed")
            ],
            originalMessageID: "order-1015.shipped.e8f1@kubki.example"),
        BounceCase(
            file: "postfix-smtputf8-global.eml",
            recipients: [
                .init(address: "zofia+sklep@żółw.example", action: .failed, status: "5.1.1", diagnostic: "550 5.1.1 Mailbox unavailable")
            ],
            originalMessageID: "order-1016.shipped.77aa@kubki.example"),
        BounceCase(
            file: "qmail-legacy.eml",
            recipients: [
                .init(
                    address: "marek@example.net", action: .failed, status: "5.1.1",
                    diagnostic: "192.0.2.41 does not like recipient. Remote host said: 550 5.1.1 <marek@example.net>: "
                        + "Recipient address rejected: User unknown Giving up on 192.0.2.41.")
            ],
            originalMessageID: "order-1017.shipped.1b9d@kubki.example"),
        BounceCase(
            file: "exim-legacy.eml",
            recipients: [
                .init(
                    address: "ewa.nowak@example.com", action: .failed, status: "5.7.1",
                    diagnostic: "SMTP error from remote mail server after RCPT TO:<ewa.nowak@example.com>: host mx1.example.com "
                        + "[192.0.2.33]: 550 5.7.1 <ewa.nowak@example.com>: Recipient address rejected: Access denied")
            ],
            originalMessageID: "order-1018.shipped.4c0e@kubki.example"),
    ]
}

@Suite("Bounces: which recipient failed, why, and which sent message it was")
struct DeliveryReportTests {
    @Test("each mail system's bounce", arguments: BounceCase.all)
    func fixture(_ bounce: BounceCase) throws {
        let report = try #require(DeliveryReport.read(MailParser.parse(try bounce.raw)))
        #expect(report.recipients == bounce.recipients)
        #expect(report.originalMessageIDs == [bounce.originalMessageID])
    }

    @Test("ordinary mail is not a bounce, even one that talks about failed delivery or pastes a bounce")
    func notABounce() throws {
        #expect(
            DeliveryReport.read(mail("From: anna@example.com\nSubject: delivery failed\n\nMy delivery failed, the courier never came.\n"))
                == nil)
        let pasted =
            "From: marek@example.net\nSubject: Fwd: failure notice\n\nHi. This is the qmail-send program at mail.example.net.\n\n<marek@example.net>:\nUser unknown\n"
        #expect(DeliveryReport.read(mail(pasted)) == nil)
        let readReceipt = """
            From: anna@example.com
            Content-Type: multipart/report; report-type=disposition-notification; boundary=b

            --b
            Content-Type: message/disposition-notification

            Final-Recipient: rfc822; anna@example.com
            Disposition: manual-action/MDN-sent-manually; displayed
            --b--
            """
        #expect(DeliveryReport.read(mail(readReceipt)) == nil)
        for file in MIMEFixture.all where file != "postfix-bounce-dsn.eml" {
            #expect(DeliveryReport.read(try MIMEFixture.parse(file)) == nil, "\(file)")
        }
    }

    @Test("without the returned message, the bounce's own In-Reply-To and References name it")
    func referencesFallback() throws {
        let bounce = """
            From: MAILER-DAEMON@mx.example.org
            In-Reply-To: <order-1019.shipped@kubki.example>
            References: <thread-7@kubki.example> <order-1019.shipped@kubki.example>
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822; nobody@example.org
            Action: failed
            Status: 5.1.1
            --b--
            """
        let report = try #require(DeliveryReport.read(mail(bounce)))
        #expect(report.originalMessageIDs == ["order-1019.shipped@kubki.example", "thread-7@kubki.example"])
        // The existing Postfix fixture returns headers without a Message-ID and has no References: nothing to guess.
        let headersOnly = try #require(DeliveryReport.read(try MIMEFixture.parse("postfix-bounce-dsn.eml")))
        #expect(headersOnly.recipients == [.init(address: "nobody@example.invalid", action: .failed, status: "5.4.4")])
        #expect(headersOnly.originalMessageIDs.isEmpty)
    }

    @Test("folded, lowercased, bracketed fields, no blank line between recipients, LF or CR LF", arguments: ["\n", "\r\n"])
    func tolerantFields(lineEnds: String) throws {
        let bounce = """
            From: postmaster@example.org
            Content-Type: multipart/report; report-type=delivery-status; boundary=b

            --b
            Content-Type: message/delivery-status

            reporting-mta: dns; mx.example.org
            final-recipient: RFC822;   <Jan@Example.ORG>
            ACTION: Failed
            status: 5.2.1 (mailbox disabled)
            diagnostic-code: SMTP; 550 5.2.1 The email account
             that you tried to reach is disabled
            final-recipient: rfc822;ewa@example.org
            status: 4.2.2
            --b--
            """
        let report = try #require(DeliveryReport.read(mail(bounce, lineEnds: lineEnds)))
        #expect(
            report.recipients == [
                .init(
                    address: "jan@example.org", action: .failed, status: "5.2.1",
                    diagnostic: "550 5.2.1 The email account that you tried to reach is disabled"),
                // No Action at all: a 4.x.x status means the server is still trying.
                .init(address: "ewa@example.org", action: .delayed, status: "4.2.2"),
            ])
        #expect(report.recipients.map(\.isPermanent) == [true, false])
    }

    @Test("Exim's plain-text warning that a message is still queued is a delay, not a bounce")
    func eximLegacyDelay() throws {
        let warning = """
            From: Mail Delivery System <Mailer-Daemon@relay.example.com>
            Subject: Warning: message 1LbQ2Z-0003KZ-Tq delayed 24 hours

            This message was created automatically by mail delivery software.
            A message that you sent has not yet been delivered to one or more of its
            recipients after more than 24 hours on the queue on relay.example.com.

            The address to which the message has not yet been delivered is:

              ewa.nowak@example.com
                Delay reason: SMTP error from remote mail server after RCPT TO:<ewa.nowak@example.com>:
                host mx1.example.com [192.0.2.33]: 451 4.7.1 Greylisted, try again later

            No action is required on your part.
            """
        let report = try #require(DeliveryReport.read(mail(warning)))
        #expect(report.recipients.map(\.address) == ["ewa.nowak@example.com"])
        #expect(report.recipients.first?.action == .delayed)
        #expect(report.recipients.first?.status == "4.7.1")
    }

    @Test("only a failure saying the recipient's address is gone means later mail would bounce too")
    func addressIsGone() {
        func failed(_ status: String?, _ action: DeliveryReport.Action = .failed) -> Bool {
            DeliveryReport.Recipient(address: "a@example.com", action: action, status: status).addressIsGone
        }
        // No such user, no such domain, bad syntax, null MX, mailbox disabled.
        #expect(["5.1.1", "5.1.2", "5.1.3", "5.1.10", "5.2.1"].allSatisfy { failed($0) })
        // Full mailbox, message too big, spam or policy refusal, the sender's own address, no code.
        #expect(!["5.2.2", "5.3.4", "5.7.1", "5.7.26", "5.1.7", "5.1.8", "5.0.0"].contains { failed($0) })
        #expect(!failed(nil))
        #expect(!failed("5.1.1", .delayed) && !failed("4.1.1", .delayed))
    }

    @Test("a bounce cut short anywhere never traps")
    func truncated() throws {
        for bounce in BounceCase.all {
            let raw = try bounce.raw
            for end in stride(from: 0, to: raw.count, by: 11) {
                _ = DeliveryReport.read(MailParser.parse(Array(raw[..<end])))
            }
        }
    }
}

import ParleyCore
import Testing

@Suite("Machine senders")
struct MachineSenderTests {
    typealias Headers = [(name: String, value: String)]

    static func kind(
        returnPath: String? = "<zofia@gmail.com>", from: String? = "zofia@gmail.com", _ headers: Headers = [], contentType: String? = nil
    ) -> MachineSender.Kind? {
        MachineSender.classify(returnPath: returnPath, from: from, headers: headers, contentType: contentType)
    }

    @Test("a person's mail, with ordinary headers, is nobody's machine")
    func person() {
        let headers: Headers = [
            ("Subject", "Re: [#42] Gdzie jest moja paczka?"), ("X-Mailer", "Apple Mail (2.3774)"), ("Auto-Submitted", "no"),
            ("Content-Type", "multipart/alternative; boundary=x"), ("Feedback-ID", "1.eu-west-1.abc=:AmazonSES"),
        ]
        #expect(Self.kind(headers) == nil)
        #expect(Self.kind(returnPath: nil, from: nil, []) == nil)
        #expect(Self.kind(from: "Zofia Nowak <zofia@gmail.com>", [("Subject", "Out of office hours delivery?")]) == nil)
        #expect(Self.kind(from: "replyto@shop.pl", [("Subject", "Automatic replyless mugs")]) == nil)
    }

    @Test("bounces: null reverse path, mailer daemons, delivery status reports (RFC 5321, RFC 3464)")
    func bounces() {
        #expect(Self.kind(returnPath: "<>") == .bounce)
        #expect(Self.kind(returnPath: "") == .bounce)
        #expect(Self.kind(returnPath: " < > ") == .bounce)
        #expect(Self.kind(returnPath: "<MAILER-DAEMON@mx.example>") == .bounce)
        #expect(Self.kind(from: "Mail Delivery System <Mailer-Daemon@googlemail.com>") == .bounce)
        #expect(Self.kind(from: "postmaster@outlook.com") == .bounce)
        #expect(Self.kind(contentType: "multipart/report; report-type=delivery-status; boundary=\"b\"") == .bounce)
        #expect(Self.kind([("Content-Type", "Multipart/Report; Report-Type=\"delivery-status\"")], contentType: nil) == .bounce)
        // A bounce also carries Auto-Submitted; the more specific kind wins.
        #expect(Self.kind(returnPath: "<>", [("Auto-Submitted", "auto-replied")]) == .bounce)
    }

    static let autoReplies: [Headers] = [
        [("Auto-Submitted", "auto-replied")],
        [("auto-submitted", "auto-generated")],
        [("AUTO-SUBMITTED", "auto-replied (vacation)")],
        [("Auto-Submitted", "auto-notified; owner-email=\"a@b\"")],
        [("Auto-Submitted", "")],
        [("X-Autoreply", "yes")],
        [("X-Autorespond", "Out of office")],
        [("X-Auto-Response-Suppress", "All")],
        [("X-Auto-Response-Suppress", "DR, OOF, AutoReply")],
        [("X-MS-Exchange-Inbox-Rules-Loop", "anna@firma.pl")],
        [("X-MS-Exchange-Generated-Message-Source", "Mailbox Rules Agent")],
        [("Precedence", "auto_reply")],
        [("Subject", "Automatic reply: [#42] Gdzie jest moja paczka?")],
        [("Subject", "Out of Office AutoReply: Order")],
        [("Subject", "Out of Office")],
        [("Subject", "Autosvar: Beställning")],
        [("Subject", "Automatyczna odpowiedź: Re: [#42] Gdzie")],
        [("Subject", "Αυτόματη απάντηση: Παραγγελία")],
        [("Subject", "Автоматический ответ: Заказ")],
        [("Subject", "Abwesenheitsnotiz: Bestellung")],
        [("Subject", "AUTOMATISCHE ANTWORT : Bestellung")],
        [("Subject", "自动回复：订单")],
    ]

    @Test("automatic replies (RFC 3834, Exchange, out-of-office subjects)", arguments: autoReplies)
    func autoReply(headers: Headers) {
        #expect(Self.kind(headers) == .autoReply)
    }

    @Test("read receipts are automatic replies (RFC 8098)")
    func readReceipt() {
        #expect(Self.kind(contentType: "multipart/report; report-type=disposition-notification") == .autoReply)
    }

    @Test("X-Auto-Response-Suppress without an automatic-answer value says nothing")
    func suppressOthers() {
        #expect(Self.kind([("X-Auto-Response-Suppress", "DR, RN, NRN")]) == nil)
    }

    @Test("lists and bulk mail")
    func listsAndBulk() {
        #expect(Self.kind([("List-Id", "Kubki fans <fans.kubki.example>")]) == .list)
        #expect(Self.kind([("List-Post", "<mailto:fans@kubki.example>"), ("List-Unsubscribe", "<mailto:u@x>")]) == .list)
        #expect(Self.kind([("Precedence", "list")]) == .list)
        #expect(Self.kind([("Precedence", "bulk")]) == .bulk)
        #expect(Self.kind([("Precedence", "JUNK")]) == .bulk)
        #expect(Self.kind([("List-Unsubscribe", "<https://news.example/u>")]) == .bulk)
        #expect(Self.kind([("X-Mailchimp-Campaign", "1")]) == .bulk)
        #expect(Self.kind([("X-MC-User", "abc")]) == .bulk)
        #expect(Self.kind([("X-Campaign", "spring")]) == .bulk)
        #expect(Self.kind([("X-CampaignID", "spring")]) == .bulk)
    }

    static let helpdesks = [
        "X-Zendesk-From-Account-Id", "X-Freshdesk-Ticket", "X-OTRS-Loop", "RT-Ticket", "X-Helpscout-Conversation", "X-Chatwoot-Id",
        "X-Gorgias-Ticket", "X-Zammad-Ticket-Id", "X-Jira-Fingerprint", "X-Parley-Conversation", "x-zendesk-priority",
    ]

    @Test("other ticketing systems, and Parley itself", arguments: helpdesks)
    func ticketing(header: String) {
        #expect(Self.kind([(header, "1")]) == .ticketingSystem)
        // Their acknowledgements are automatic too, but the helpdesk is the more specific answer.
        #expect(Self.kind([(header, "1"), ("Auto-Submitted", "auto-replied")]) == .ticketingSystem)
    }

    @Test("monitoring")
    func monitoring() {
        #expect(Self.kind([("X-Nagios-Host", "web1")]) == .monitoring)
        #expect(Self.kind([("X-Zabbix-Trigger", "disk")]) == .monitoring)
        #expect(Self.kind([("X-Cron-Env", "<SHELL=/bin/sh>")]) == .monitoring)
        #expect(Self.kind([("X-Mailer", "Nagios 4.4")]) == .monitoring)
        #expect(Self.kind(from: "root@web1.kubki.example") == .monitoring)
        #expect(Self.kind(from: "Cron Daemon <cron@web1>") == .monitoring)
        #expect(Self.kind(from: "nagios@monitor") == .monitoring)
        #expect(Self.kind(from: "rooted@gmail.com") == nil)
    }

    static let noReply = [
        "noreply@allegro.pl", "no-reply@inpost.pl", "NoReply@dhl.com", "donotreply@x.pl", "do-not-reply@x.pl", "no_reply@x.pl",
        "notifications@github.com", "noreply+orders@shop.pl", "InPost <NO-REPLY@inpost.pl>",
    ]

    @Test("no-reply senders", arguments: noReply)
    func noReplySenders(from: String) {
        #expect(Self.kind(from: from) == .noReply)
    }

    @Test("addresses that only look like no-reply are people")
    func lookalikes() {
        for from in ["norepl@x.pl", "reply@x.pl", "noreplyanna@x.pl", "anna+noreply@x.pl", "notify-me@x.pl"] {
            #expect(Self.kind(from: from) == nil, "\(from)")
        }
    }

    @Test("only people get automatic answers and subject threading")
    func permissions() {
        #expect(MachineSender.shouldAutoAnswer(kind: nil))
        #expect(MachineSender.mayThreadBySubject(kind: nil))
        for kind in MachineSender.Kind.allCases {
            #expect(!MachineSender.shouldAutoAnswer(kind: kind))
            #expect(!MachineSender.mayThreadBySubject(kind: kind))
        }
    }
}

import Foundation

/// Recognises mail that a program sent, so Parley never answers it (no mail loops), never threads it
/// by subject, and never makes a customer of it.
///
/// The first matching rule decides, most specific first:
/// 1. **bounce**: a null reverse path (`Return-Path: <>`, RFC 5321 §4.5.5), `MAILER-DAEMON` or
///    `postmaster` as envelope sender or From, or a delivery status report
///    (`multipart/report; report-type=delivery-status`, RFC 6522 and RFC 3464).
/// 2. **ticketingSystem**: headers of another helpdesk (`X-Zendesk-…`, `X-Freshdesk-…`, `X-OTRS-…`,
///    `RT-Ticket`, `X-Helpscout-…`, `X-Chatwoot-…`, `X-Gorgias-…`, `X-Zammad-…`, `X-Jira-Fingerprint`)
///    or of Parley itself (`X-Parley-…`): two helpdesks acknowledging each other loop forever.
/// 3. **monitoring**: `X-Nagios…`, `X-Zabbix…`, `X-Icinga…`, `X-Cron-Env`, an `X-Mailer` naming
///    Nagios, Zabbix or Icinga, or From `root@`, `cron@`, `nagios@`, `zabbix@`, `icinga@`.
/// 4. **autoReply**: `Auto-Submitted` with any value but `no` (RFC 3834 §5: `auto-replied` and
///    `auto-generated` alike), `X-Autoreply`, `X-Autorespond`, `X-Mail-Autoreply`, `Precedence:
///    auto_reply`, `X-Auto-Response-Suppress` naming `All`, `OOF` or `AutoReply` (Exchange stamps it on
///    its own automatic messages), `X-MS-Exchange-Inbox-Rules-Loop` and
///    `X-MS-Exchange-Generated-Message-Source` (a server-side rule wrote it), a read receipt
///    (`report-type=disposition-notification`, RFC 8098), and as a last resort a subject that starts
///    with an out-of-office phrase followed by a colon or nothing else (`Automatic reply: …`,
///    `Automatyczna odpowiedź: …`, `Out of Office`; but not `Out of office hours delivery?`).
/// 5. **list**: a discussion list (`List-Id` or `List-Post`, RFC 2919 and RFC 2369, or
///    `Precedence: list`).
/// 6. **bulk**: `Precedence: bulk` or `junk`, `List-Unsubscribe` without `List-Id` (a newsletter, RFC
///    8058), `X-Mailchimp-…`, `X-MC-User`, `X-Campaign…`. `Feedback-ID` alone is deliberately not a
///    sign: Amazon SES stamps it on person-to-person mail too.
/// 7. **noReply**: a From local part such as `noreply`, `no-reply`, `donotreply`, `notifications`
///    (any case, with or without a `+tag`).
public enum MachineSender {
    /// What kind of program sent a message.
    public enum Kind: String, Sendable, Equatable, Codable, CaseIterable {
        case bounce, autoReply, bulk, list, ticketingSystem, monitoring, noReply
    }

    /// Classifies an incoming message by its envelope sender (`returnPath`, `nil` when unknown, `""`
    /// or `<>` when null), its From address (an addr-spec, `Name <addr>` is tolerated), its headers
    /// (names compared case-insensitively, values already decoded) and its `Content-Type` (taken from
    /// the headers when `nil`). `nil` means a person wrote it.
    public static func classify(
        returnPath: String?, from: String?, headers: [(name: String, value: String)], contentType: String?
    ) -> Kind? {
        let mail = Facts(returnPath: returnPath, from: from, headers: headers, contentType: contentType)
        if mail.isBounce { return .bounce }
        if mail.isTicketingSystem { return .ticketingSystem }
        if mail.isMonitoring { return .monitoring }
        if mail.isAutoReply { return .autoReply }
        if mail.isList { return .list }
        if mail.isBulk { return .bulk }
        if mail.isNoReply { return .noReply }
        return nil
    }

    /// Whether Parley may send its acknowledgement or any automatic answer: only to people
    /// (RFC 3834 §2: never respond to automatically submitted mail).
    public static func shouldAutoAnswer(kind: Kind?) -> Bool { kind == nil }

    /// Whether the message may join a conversation by its subject alone: only a person's. A monitoring
    /// alert "Disk full" must not join yesterday's "Disk full" of another host.
    public static func mayThreadBySubject(kind: Kind?) -> Bool { kind == nil }
}

import Foundation

/// A complaint about a message Parley sent: a mailbox provider's feedback-loop report (RFC 5965,
/// ARF), sent when a recipient presses "this is spam" (Yahoo, Outlook.com, Mail.ru, Yandex and
/// others through their FBL programmes): what kind of report it is, whom the message went to, and
/// the Message-ID of the message it is about.
///
/// ```swift
/// if let complaint = FeedbackReport.read(MailParser.parse(raw)) {
///     complaint.isComplaint             // true for abuse
///     complaint.originalMessageIDs      // ["campaign-7.zofia@kubki.example"]
/// }
/// ```
public struct FeedbackReport: Sendable, Equatable {
    /// `Feedback-Type`, lowercased: `abuse`, `fraud`, `virus`, `other`, `not-spam`, `auth-failure`.
    public var feedbackType: String
    /// `Original-Rcpt-To` addresses, lowercased, when the provider kept them (many redact them).
    public var originalRecipients: [String]
    /// Message-IDs (without angle brackets) of the message complained about: from the returned
    /// message or its headers, surest first.
    public var originalMessageIDs: [String]

    public init(feedbackType: String, originalRecipients: [String], originalMessageIDs: [String]) {
        self.feedbackType = feedbackType
        self.originalRecipients = originalRecipients
        self.originalMessageIDs = originalMessageIDs
    }

    /// Whether the recipient said the message was unwanted: every type but `not-spam` and
    /// `auth-failure` (a report about the sender's authentication, not about the recipient's wish).
    public var isComplaint: Bool { feedbackType != "not-spam" && feedbackType != "auth-failure" }

    /// Reads a feedback report; nil when `mail` has no `message/feedback-report` part.
    public static func read(_ mail: ParsedMail) -> FeedbackReport? {
        guard let part = mail.attachments.first(where: { $0.contentType == "message/feedback-report" }) else { return nil }
        var scratch = DefectLog()
        let block = HeaderBlock.parse(part.data[...].drop { Bytes.isWhitespace($0) }, log: &scratch)
        func values(_ name: String) -> [String] {
            block.fields.filter { $0.name.caseInsensitiveEquals(name) }.map { HeaderText.provisional($0.value).trimmingWhitespace() }
        }
        let type = values("feedback-type").first?.lowercased() ?? "abuse"
        let recipients = values("original-rcpt-to").compactMap { value -> String? in
            let address = value.trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            return address.contains("@") ? address.lowercased() : nil
        }
        let returned = mail.attachments.filter {
            $0.contentType == "message/rfc822" || $0.contentType == "text/rfc822-headers" || $0.contentType == "message/global"
                || $0.contentType == "message/global-headers"
        }
        var seen: Set<String> = []
        let ids = returned.flatMap { DeliveryReport.messageIDs(inHeadersOf: $0.data[...]) } + mail.inReplyTo + mail.references
        return FeedbackReport(
            feedbackType: type, originalRecipients: recipients, originalMessageIDs: ids.filter { seen.insert($0).inserted })
    }
}

import ParleyCore
import ParleyMail
import ParleyStore

/// What an incoming email says, read once: who sent it, whether a machine did, who it was for,
/// and its clean text beside the full original.
///
/// All of it is read when the reading is made, before the filing's transaction: it is pure work
/// (a quarter of a filing's time), and inside the transaction it would run with the database's one
/// writing connection held, so that no other email could be filed meanwhile.
struct IncomingReading {
    let stored: InboundMail
    let parsed: ParsedMail
    /// From, or the envelope sender when From is missing or unreadable.
    let sender: EmailAddress?
    let machine: MachineSender.Kind?
    /// Every address the message was delivered or written to, where a reply token may hide.
    let recipients: [String]
    /// The people in the conversation from now on: the writer and whoever they copied, but never the
    /// shop's own addresses (those carry reply tokens or are where mail comes in).
    let participants: [String]
    /// The subject as the threading rules compare it.
    let normalizedSubject: String
    /// The text without quoted history and signature; the full text; the HTML made safe to show.
    private let clean: CleanReply
    private let fullText: String?
    private let safeHTML: String?
    /// The order the email asks about, if it asks and may get an automatic answer: as a new email
    /// (its subject and text) and as a reply (its text: a reply's subject still names the order it
    /// first asked about).
    let orderQuestion: (asNew: AnswerOrderQuestion.Asked?, asReply: AnswerOrderQuestion.Asked?)

    init(stored: InboundMail, parsed: ParsedMail) {
        self.stored = stored
        self.parsed = parsed
        let envelopeSender = stored.envelopeFrom.flatMap { $0.isEmpty ? nil : try? EmailAddress(parsing: $0) }
        let sender = parsed.from ?? envelopeSender
        let machine = MachineSender.classify(
            returnPath: stored.envelopeFrom ?? parsed.headers.first("Return-Path"), from: parsed.from?.addrSpec,
            headers: parsed.headers.fields.map { (name: $0.name, value: $0.value) }, contentType: parsed.headers.first("Content-Type"))
        self.sender = sender
        self.machine = machine
        let recipients =
            stored.envelopeTo + (parsed.to + parsed.cc).map(\.addrSpec) + parsed.headers.all("Delivered-To")
            + parsed.headers.all("X-Original-To")
        self.recipients = recipients
        let tokened = Set(ReplyAddress.tokens(in: recipients))
        let copied = parsed.cc.map(\.addrSpec).filter { ReplyAddress.tokens(in: [$0]).allSatisfy { !tokened.contains($0) } }
        participants = ([sender?.addrSpec].compactMap { $0 } + (machine == nil ? copied : [])).filter { !stored.envelopeTo.contains($0) }
        normalizedSubject = SubjectLine.normalized(parsed.subject ?? "")
        let clean = ReplyCleaner.clean(text: parsed.text, html: parsed.html)
        self.clean = clean
        fullText = parsed.text ?? parsed.html.map(HTMLText.render)
        safeHTML = parsed.html.map(HTMLSanitizer.sanitize)
        if sender != nil, MachineSender.shouldAutoAnswer(kind: machine) {
            orderQuestion = AnswerOrderQuestion.read(subject: parsed.subject ?? "", text: clean.text)
        } else {
            orderQuestion = (nil, nil)
        }
    }

    /// The sender's address as the per-sender limit counts it.
    var senderKey: String? { sender?.addrSpec.lowercased() }

    /// A short account of what the parser had to repair, kept on the stored mail.
    var defectSummary: String? {
        guard !parsed.defects.isEmpty else { return nil }
        return parsed.defects.prefix(10).map { "\($0.kind.rawValue): \($0.detail)" }.joined(separator: "; ")
    }

    func message(customerID: Int64?, threading: String, flag: String?) -> NewConversationMessage {
        NewConversationMessage(
            kind: .incoming, channel: .email, customerID: customerID, sender: sender.map(Self.display), subject: parsed.subject,
            text: clean.text, bodyText: fullText, bodyHTML: safeHTML, quoted: clean.quoted,
            signature: clean.signature, messageID: parsed.messageID, inboundMailID: stored.id, threading: threading, flag: flag,
            machine: machine?.rawValue)
    }

    private static func display(_ address: EmailAddress) -> String {
        guard let name = address.displayName, !name.isEmpty else { return address.addrSpec }
        return "\(name) <\(address.addrSpec)>"
    }
}

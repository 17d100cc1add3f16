import ParleyCore
import ParleyMail
import ParleyStore

/// What an incoming email says, read once: who sent it, whether a machine did, who it was for,
/// and its clean text beside the full original.
struct IncomingReading {
    let stored: InboundMail
    let parsed: ParsedMail
    /// From, or the envelope sender when From is missing or unreadable.
    let sender: EmailAddress?
    let machine: MachineSender.Kind?

    init(stored: InboundMail, parsed: ParsedMail) {
        self.stored = stored
        self.parsed = parsed
        let envelopeSender = stored.envelopeFrom.flatMap { $0.isEmpty ? nil : try? EmailAddress(parsing: $0) }
        sender = parsed.from ?? envelopeSender
        machine = MachineSender.classify(
            returnPath: stored.envelopeFrom ?? parsed.headers.first("Return-Path"), from: parsed.from?.addrSpec,
            headers: parsed.headers.fields.map { (name: $0.name, value: $0.value) }, contentType: parsed.headers.first("Content-Type"))
    }

    /// The sender's address as the per-sender limit counts it.
    var senderKey: String? { sender?.addrSpec.lowercased() }

    /// Every address the message was delivered or written to, where a reply token may hide.
    var recipients: [String] {
        stored.envelopeTo + (parsed.to + parsed.cc).map(\.addrSpec) + parsed.headers.all("Delivered-To")
            + parsed.headers.all("X-Original-To")
    }

    /// The people in the conversation from now on: the writer and whoever they copied, but never the
    /// shop's own addresses (those carry reply tokens or are where mail comes in).
    var participants: [String] {
        let tokened = Set(ReplyAddress.tokens(in: recipients))
        let copied = parsed.cc.map(\.addrSpec).filter { ReplyAddress.tokens(in: [$0]).allSatisfy { !tokened.contains($0) } }
        return ([sender?.addrSpec].compactMap { $0 } + (machine == nil ? copied : [])).filter { !stored.envelopeTo.contains($0) }
    }

    /// A short account of what the parser had to repair, kept on the stored mail.
    var defectSummary: String? {
        guard !parsed.defects.isEmpty else { return nil }
        return parsed.defects.prefix(10).map { "\($0.kind.rawValue): \($0.detail)" }.joined(separator: "; ")
    }

    func message(customerID: Int64?, threading: String, flag: String?) -> NewConversationMessage {
        let clean = ReplyCleaner.clean(text: parsed.text, html: parsed.html)
        let fullText = parsed.text ?? parsed.html.map(HTMLText.render)
        return NewConversationMessage(
            kind: .incoming, channel: .email, customerID: customerID, sender: sender.map(Self.display), subject: parsed.subject,
            text: clean.text, bodyText: fullText, bodyHTML: parsed.html.map(HTMLSanitizer.sanitize), quoted: clean.quoted,
            signature: clean.signature, messageID: parsed.messageID, inboundMailID: stored.id, threading: threading, flag: flag,
            machine: machine?.rawValue)
    }

    private static func display(_ address: EmailAddress) -> String {
        guard let name = address.displayName, !name.isEmpty else { return address.addrSpec }
        return "\(name) <\(address.addrSpec)>"
    }
}

/// Reads inbound mail as it really arrives: any mail program, any age, any charset, any amount of damage.
///
/// ```swift
/// let mail = MailParser.parse(Array(rawMessage.utf8))
/// mail.subject        // "Zamówienie #1001 — pytanie"
/// mail.from?.addrSpec // "zofia@example.pl"
/// mail.text           // the customer's words
/// mail.defects        // what was wrong, for logs
/// ```
public enum MailParser {
    private static let maximumParts = 1_000

    /// The message in `raw` (CRLF or LF line ends, with or without an mbox `From ` line).
    ///
    /// Never fails and never traps: a malformed message gives what could be read, plus its ``ParsedMail/defects``.
    public static func parse(_ raw: [UInt8]) -> ParsedMail {
        var log = DefectLog()
        guard !raw.isEmpty else {
            log.add(.emptyMessage, "no bytes")
            return ParsedMail(defects: log.items)
        }
        var bytes = raw
        // Classic Mac OS mail ends lines with CR alone.
        if !bytes.contains(Bytes.lf) && bytes.contains(Bytes.cr) { bytes = bytes.map { $0 == Bytes.cr ? Bytes.lf : $0 } }
        var message = bytes[...]
        if message.starts(with: "From ".utf8) { message = message[Bytes.line(in: message, from: message.startIndex).next...] }

        var budget = maximumParts
        let root = MIMEPart.parse(message, depth: 0, defaultType: "text/plain", budget: &budget, log: &log)
        let fallbackCharset = root.bodyCharset
        let headers = MailHeaders(fields: root.fields.map { HeaderText.field($0, fallbackCharset: fallbackCharset, log: &log) })
        var assembler = MessageAssembler(fallbackCharset: fallbackCharset, log: log)
        assembler.visit(root)
        assembler.adoptNamedTextIfBodiless()
        log = assembler.log

        var mail = ParsedMail(headers: headers)
        mail.subject = headers.first("Subject").map(Bytes.collapsedWhitespace)
        mail.from = addresses(headers, "From", log: &log).first
        mail.replyTo = addresses(headers, "Reply-To", log: &log)
        mail.to = addresses(headers, "To", log: &log)
        mail.cc = addresses(headers, "Cc", log: &log)
        mail.messageID = headers.firstRaw("Message-ID").flatMap { MessageIDList.parse($0).first }
        mail.inReplyTo = headers.firstRaw("In-Reply-To").map(MessageIDList.parse) ?? []
        mail.references = headers.all("References").flatMap(MessageIDList.parse)
        if let date = headers.firstRaw("Date") {
            mail.date = MailDate.parse(date)
            if mail.date == nil { log.add(.invalidDate, date) }
        }
        mail.text = joined(assembler.texts)
        mail.html = joined(assembler.htmls)
        mail.attachments = assembler.attachments
        mail.defects = log.items
        return mail
    }

    private static func addresses(_ headers: MailHeaders, _ name: String, log: inout DefectLog) -> [EmailAddress] {
        headers.fields.filter { $0.name.caseInsensitiveEquals(name) }.flatMap { AddressList.parse($0.rawValue, log: &log) }
    }

    /// Several inline text parts (Apple Mail's text, image, text) read as one body, a blank line between.
    private static func joined(_ parts: [String]) -> String? {
        guard parts.count > 1 else { return parts.first }
        let kept = parts.map { $0.trimmingBlankLines() }.filter { !$0.isEmpty }
        return kept.isEmpty ? "" : kept.joined(separator: "\n\n") + "\n"
    }
}

extension String {
    /// Without blank lines at either end (indentation on the first line stays).
    fileprivate func trimmingBlankLines() -> String {
        var scalars = unicodeScalars[...]
        while let last = scalars.last, last == "\n" || last == " " || last == "\t" { scalars = scalars.dropLast() }
        while let newline = scalars.firstIndex(of: "\n"), scalars[..<newline].allSatisfy({ $0 == " " || $0 == "\t" }) {
            scalars = scalars[scalars.index(after: newline)...]
        }
        return String(scalars)
    }
}

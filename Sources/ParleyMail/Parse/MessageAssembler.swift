/// Walks a MIME tree and picks the bodies out of it; every other leaf becomes an attachment.
struct MessageAssembler {
    let fallbackCharset: String?
    var log: DefectLog
    var texts: [String] = []
    var htmls: [String] = []
    var attachments: [MailAttachment] = []
    /// Text parts with a file name, not marked as attachments: mutt, VM and some phones send the
    /// message itself that way, so one of them is the body when nothing else is.
    private var namedTexts: [MIMEPart] = []

    init(fallbackCharset: String?, log: DefectLog) {
        self.fallbackCharset = fallbackCharset
        self.log = log
    }

    mutating func visit(_ part: MIMEPart, inRelated: Bool = false) {
        guard part.isMultipart else {
            leaf(part, inRelated: inRelated)
            return
        }
        switch part.type {
        case "multipart/alternative":
            // Each alternative alone; then the first plain text and the last (richest) HTML win.
            var branches: [MessageAssembler] = []
            for child in part.children {
                var branch = MessageAssembler(fallbackCharset: fallbackCharset, log: log)
                branch.visit(child, inRelated: inRelated)
                log = branch.log
                branches.append(branch)
            }
            if let plain = branches.first(where: { !$0.texts.isEmpty }) { texts += plain.texts }
            if let rich = branches.last(where: { !$0.htmls.isEmpty }) { htmls += rich.htmls }
            for branch in branches {
                attachments += branch.attachments
                namedTexts += branch.namedTexts
            }
        case "multipart/related":
            let start = part.parameters["start"].map(Self.stripAngles)
            let rootIndex = start.flatMap { id in part.children.firstIndex { contentID(of: $0) == id } } ?? 0
            for (index, child) in part.children.enumerated() {
                if index == rootIndex { visit(child, inRelated: inRelated) } else { visit(child, inRelated: true) }
            }
        default:
            for child in part.children { visit(child, inRelated: inRelated) }
        }
    }

    private mutating func leaf(_ part: MIMEPart, inRelated: Bool) {
        let disposition = part.rawField("content-disposition").map { HeaderParameters(headerText($0, "Content-Disposition"), log: &log) }
        let contentType = part.rawField("content-type").map { HeaderParameters(headerText($0, "Content-Type"), log: &log) }
        let declaredName = disposition?["filename"] ?? contentType?["name"]
        let isBody = (part.type == "text/plain" || part.type == "text/html") && disposition?.value != "attachment" && declaredName == nil
        if isBody && !inRelated {
            let text = bodyText(part)
            if part.type == "text/plain" { texts.append(text) } else { htmls.append(text) }
            return
        }
        if (part.type == "text/plain" || part.type == "text/html") && disposition?.value != "attachment" && !inRelated {
            namedTexts.append(part)
        }
        let decoded = transferDecoded(part)
        var filename = declaredName ?? decoded.uuFilename
        if filename == nil, part.type == "message/rfc822" || part.type == "message/global" {
            var scratch = DefectLog()
            let inner = HeaderBlock.parse(decoded.bytes[...], log: &scratch)
            let subject = inner.fields.first { $0.name.caseInsensitiveEquals("subject") }
                .map { Bytes.collapsedWhitespace(HeaderText.field($0, fallbackCharset: fallbackCharset, log: &scratch).value) }
            filename = (subject?.isEmpty == false ? subject ?? "" : "message") + ".eml"
        }
        let isInline = disposition.map { $0.value == "inline" } ?? inRelated
        attachments.append(
            MailAttachment(
                filename: filename.map(Self.safeFilename), contentType: part.type, contentID: contentID(of: part), isInline: isInline,
                data: decoded.bytes))
    }

    /// After the walk: a message with no body shows its first named text part, which stays an attachment too.
    mutating func adoptNamedTextIfBodiless() {
        guard texts.isEmpty, htmls.isEmpty, let part = namedTexts.first else { return }
        let text = bodyText(part)
        if part.type == "text/plain" { texts.append(text) } else { htmls.append(text) }
    }

    private mutating func headerText(_ bytes: [UInt8], _ name: String) -> String {
        HeaderText.decode(bytes, fallbackCharset: fallbackCharset, log: &log, context: name)
    }

    private func contentID(of part: MIMEPart) -> String? {
        guard let raw = part.rawField("content-id") else { return nil }
        let id = Self.stripAngles(HeaderText.provisional(raw))
        return id.isEmpty ? nil : id
    }

    private static func stripAngles(_ text: String) -> String {
        text.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
    }

    /// The last path component, without control characters: a name is for showing and saving, never a path.
    private static func safeFilename(_ name: String) -> String {
        let flat = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        let last = flat.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? flat
        return last.trimmingWhitespace()
    }

    private mutating func transferDecoded(_ part: MIMEPart) -> (bytes: [UInt8], uuFilename: String?) {
        let encoding =
            part.rawField("content-transfer-encoding")
            .map { HeaderParameters(HeaderText.provisional($0), log: &log).value.filter { $0 != "\"" && $0 != "'" } } ?? ""
        switch encoding {
        case "", "7bit", "8bit", "binary", "7-bit", "8-bit":
            return (Array(part.body), nil)
        case "quoted-printable":
            let flowed = part.parameters["format"]?.lowercased() == "flowed"
            let result = QuotedPrintable.decodeReportingInvalid(part.body, keepTrailingWhitespace: flowed)
            if result.hadInvalid { log.add(.invalidQuotedPrintable, "a stray = in a \(part.type) part") }
            return (result.bytes, nil)
        case "base64":
            let result = Base64.decode(part.body)
            if result.hadJunk { log.add(.invalidBase64, "characters outside base64 in a \(part.type) part") }
            if result.hadLeftover { log.add(.invalidBase64, "base64 cut short in a \(part.type) part") }
            return (result.bytes, nil)
        case "x-uuencode", "uuencode", "x-uue", "uue":
            let result = UUEncode.decode(part.body)
            if result.malformed { log.add(.invalidUUEncode, "in a \(part.type) part") }
            return (result.bytes, result.filename)
        default:
            log.add(.unknownTransferEncoding, encoding)
            return (Array(part.body), nil)
        }
    }

    private mutating func bodyText(_ part: MIMEPart) -> String {
        let data = transferDecoded(part).bytes
        var label = part.parameters["charset"]
        if label == nil && part.type == "text/html" { label = Self.metaCharset(in: data) }
        let decoded = Charset.decodeDetailed(data, label: label)
        if !decoded.isKnown { log.add(.unknownCharset, label ?? "") }
        if decoded.hadInvalidBytes { log.add(.invalidCharacters, "\(part.type) in \(label ?? "no charset")") }
        if decoded.hadUndeclared8Bit { log.add(.undeclared8BitText, "\(part.type) in \(label ?? "no charset")") }
        var text = Bytes.normalizedText(decoded.text, log: &log, context: part.type)
        if part.type == "text/plain", part.parameters["format"]?.lowercased() == "flowed" {
            text = FormatFlowed.decode(text, deleteSpace: part.parameters["delsp"]?.lowercased() == "yes")
        }
        return text
    }

    /// `<meta charset="…">` or `<meta http-equiv … content="text/html; charset=…">` near the top of HTML.
    private static func metaCharset(in data: [UInt8]) -> String? {
        let head = Array(data.prefix(4096)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let needle = Array("charset=".utf8)
        guard head.count >= needle.count else { return nil }
        for start in 0...(head.count - needle.count) where head[start..<(start + needle.count)].elementsEqual(needle) {
            let label = head[(start + needle.count)...].drop { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }
                .prefix {
                    $0 < 0x80
                        && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber || $0 == 0x2D || $0 == 0x5F)
                }
            if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
        }
        return nil
    }
}

import Foundation

/// What a bounce says about a message Parley sent: for each recipient, whether delivery failed or is only
/// delayed and why, and the Message-ID of the message it returns.
///
/// Reads RFC 3464 and RFC 6533 reports (Postfix, Exim, Gmail, Exchange and Microsoft 365) and the plain-text
/// notices of qmail and older Exim.
///
/// ```swift
/// let mail = MailParser.parse(raw)
/// if let report = DeliveryReport.read(mail) {
///     report.originalMessageIDs            // ["order-1013.shipped@kubki.example"]
///     report.recipients.first?.address     // "nobody@example.org"
///     report.recipients.first?.isPermanent // true
/// }
/// ```
public struct DeliveryReport: Sendable, Equatable {
    /// What the reporting server did for one recipient (RFC 3464 `Action`).
    public enum Action: String, Sendable {
        /// Delivery failed and will not be retried: a bounce.
        case failed
        /// Delivery has not succeeded yet and is still being retried.
        case delayed
        /// Delivered to the recipient's mailbox.
        case delivered
        /// Handed on to a system that sends no reports.
        case relayed
        /// Delivered to a list or alias, which sent it on to further recipients.
        case expanded
    }

    /// What a bounce says about one recipient.
    public struct Recipient: Sendable, Equatable {
        /// The address, lowercased, without its `rfc822;` type or angle brackets: the `Original-Recipient` when
        /// the report has one (the address as sent, before any forwarding), else the `Final-Recipient`.
        public var address: String
        /// What happened; a missing or unknown action reads as `delayed` for a 4.x.x status, else `failed`.
        public var action: Action
        /// The enhanced status code (RFC 3463), e.g. `"5.1.1"`.
        public var status: String?
        /// The receiving server's reply, unfolded, without its `smtp;` type: `"550 5.1.1 <nobody@example.org>: User unknown"`.
        public var diagnostic: String?

        /// Whether delivery to this recipient failed for good.
        public var isPermanent: Bool { action == .failed }

        /// Whether the failure says the address itself is gone (RFC 3463 5.1.x about the recipient:
        /// no such user or domain, bad syntax; 5.2.1: the mailbox is disabled), so mail to it would
        /// bounce again. A full mailbox, a policy or spam refusal, or a failure without a code is not:
        /// those are about this message or this sender, and the address may well work tomorrow.
        public var addressIsGone: Bool {
            guard isPermanent, let status else { return false }
            // 5.1.7 and 5.1.8 are about the sender's address, not the recipient's.
            if status.hasPrefix("5.1.") { return status != "5.1.7" && status != "5.1.8" }
            return status == "5.2.1"
        }

        /// A recipient from its parts.
        public init(address: String, action: Action, status: String? = nil, diagnostic: String? = nil) {
            self.address = address
            self.action = action
            self.status = status
            self.diagnostic = diagnostic
        }
    }

    /// The recipients the report is about, in its order.
    public var recipients: [Recipient]
    /// Message-IDs (without angle brackets) the returned message may have had, surest first: the `Message-ID` of the
    /// returned `message/rfc822` part, then of a `text/rfc822-headers` part or a quoted copy, Gmail's
    /// `X-Original-Message-ID`, then the bounce's own `In-Reply-To` and `References`.
    public var originalMessageIDs: [String]

    /// A report from its parts.
    public init(recipients: [Recipient], originalMessageIDs: [String]) {
        self.recipients = recipients
        self.originalMessageIDs = originalMessageIDs
    }

    /// Reads a bounce; nil when `mail` is not a delivery report, or names no recipient.
    public static func read(_ mail: ParsedMail) -> DeliveryReport? {
        let statusParts = mail.attachments.filter {
            $0.contentType == "message/delivery-status" || $0.contentType == "message/global-delivery-status"
        }
        var recipients: [Recipient] = []
        var reportedIDs: [String] = []
        var quotedIDs: [String] = []
        if !statusParts.isEmpty {
            for part in statusParts {
                let fields = StatusFields.read(part.data)
                recipients += fields.recipients
                reportedIDs += fields.originalMessageIDs
            }
        } else if let legacy = LegacyBounce.read(mail) {
            recipients = legacy.recipients
            quotedIDs = legacy.quotedMessageIDs
        }
        guard !recipients.isEmpty else { return nil }
        let returned = mail.attachments.filter { $0.contentType == "message/rfc822" || $0.contentType == "message/global" }
        let headersOnly = mail.attachments.filter { $0.contentType == "text/rfc822-headers" || $0.contentType == "message/global-headers" }
        var ids = (returned + headersOnly).flatMap { messageIDs(inHeadersOf: $0.data[...]) }
        ids += quotedIDs + reportedIDs + mail.inReplyTo + mail.references
        var seen: Set<String> = []
        return DeliveryReport(recipients: recipients, originalMessageIDs: ids.filter { seen.insert($0).inserted })
    }

    /// The `Message-ID` of the header block at the start of `bytes`.
    static func messageIDs(inHeadersOf bytes: ArraySlice<UInt8>) -> [String] {
        var scratch = DefectLog()
        let block = HeaderBlock.parse(bytes.drop { Bytes.isWhitespace($0) }, log: &scratch)
        let field = block.fields.first { $0.name.caseInsensitiveEquals("message-id") }
        return field.map { Array(MessageIDList.parse(HeaderText.provisional($0.value)).prefix(1)) } ?? []
    }

    /// The first enhanced status code in `text` (`5.1.1` in `550-5.1.1 The account…` or `(#5.1.1)`), not part of an IP address.
    fileprivate static func statusCode(in text: String) -> String? {
        let bytes = Array(text.utf8)
        func isDigit(_ index: Int) -> Bool { bytes.indices.contains(index) && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
        func isDot(_ index: Int) -> Bool { bytes.indices.contains(index) && bytes[index] == UInt8(ascii: ".") }
        func digits(from index: Int) -> Int {
            var count = 0
            while count < 4, isDigit(index + count) { count += 1 }
            return count
        }
        for start in bytes.indices where "245".utf8.contains(bytes[start]) {
            guard !isDigit(start - 1), !isDot(start - 1), isDot(start + 1) else { continue }
            let subject = digits(from: start + 2)
            guard (1...3).contains(subject), isDot(start + 2 + subject) else { continue }
            let detail = digits(from: start + 3 + subject)
            let end = start + 3 + subject + detail
            guard (1...3).contains(detail), !isDigit(end), !(isDot(end) && isDigit(end + 1)) else { continue }
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        return nil
    }

    /// `rfc822; <Nobody@Example.org>` as `nobody@example.org`; nil when it is not a mail address (an X.400 one, say).
    fileprivate static func address(_ text: Substring) -> String? {
        var (type, value) = typed(text)
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            value = value[value.index(after: open)..<close]
        } else {
            value = value.split(whereSeparator: \.isWhitespace).first ?? ""
        }
        var address = String(value)
        // RFC 6533 writes `+`, `=`, `\` and non-printing characters of a UTF-8 address as \x{HEX}.
        if type?.lowercased() == "utf-8" { address = unescaped(address) }
        guard address.contains("@"), !address.contains(where: \.isWhitespace) else { return nil }
        return address.lowercased()
    }

    /// A DSN value split into its type (`smtp`, `rfc822`, `X-Postfix`) and the rest.
    fileprivate static func typed(_ text: Substring) -> (type: String?, value: Substring) {
        guard let semicolon = text.firstIndex(of: ";") else { return (nil, String(text).trimmingWhitespace()[...]) }
        let type = String(text[..<semicolon]).trimmingWhitespace()
        guard !type.isEmpty, type.count <= 20, type.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            return (nil, String(text).trimmingWhitespace()[...])
        }
        return (type, String(text[text.index(after: semicolon)...]).trimmingWhitespace()[...])
    }

    private static func unescaped(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let escape = rest.range(of: "\\x{") {
            result += rest[..<escape.lowerBound]
            let hex = rest[escape.upperBound...].prefix { $0 != "}" }
            if hex.count <= 6, hex.endIndex < rest.endIndex, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) {
                result.unicodeScalars.append(scalar)
                rest = rest[rest.index(after: hex.endIndex)...]
            } else {
                result += rest[escape]
                rest = rest[escape.upperBound...]
            }
        }
        return result + rest
    }
}

/// The fields of a `message/delivery-status` body: a per-message group, then a group per recipient.
private enum StatusFields {
    static func read(_ data: [UInt8]) -> (recipients: [DeliveryReport.Recipient], originalMessageIDs: [String]) {
        var recipients: [DeliveryReport.Recipient] = []
        var ids: [String] = []
        var scratch = DefectLog()
        let bytes = data[...]
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let block = HeaderBlock.parse(bytes[index...], log: &scratch)
            // Some servers leave out the blank line between recipients: a field seen twice starts the next one.
            var current: [String: Substring] = [:]
            for field in block.fields {
                let name = field.name.lowercased()
                let value = Substring(HeaderText.provisional(field.value))
                if name == "x-original-message-id" { ids += MessageIDList.parse(String(value)) }
                if current[name] != nil, name.hasSuffix("-recipient") {
                    if let finished = recipient(current) { recipients.append(finished) }
                    current = [:]
                }
                if current[name] == nil { current[name] = value }
            }
            if let finished = recipient(current) { recipients.append(finished) }
            index = block.bodyStart > index ? block.bodyStart : Bytes.line(in: bytes, from: index).next
        }
        return (recipients, ids)
    }

    private static func recipient(_ fields: [String: Substring]) -> DeliveryReport.Recipient? {
        guard
            let address = fields["original-recipient"].flatMap(DeliveryReport.address)
                ?? fields["final-recipient"].flatMap(DeliveryReport.address)
        else { return nil }
        let diagnostic = fields["diagnostic-code"].map { Bytes.collapsedWhitespace(String(DeliveryReport.typed($0).value)) }
        let status =
            fields["status"].flatMap { DeliveryReport.statusCode(in: String($0)) } ?? diagnostic.flatMap(DeliveryReport.statusCode)
        let word = fields["action"]?.split(whereSeparator: { $0.isWhitespace || $0 == "(" }).first?.lowercased()
        let action = word.flatMap(DeliveryReport.Action.init(rawValue:)) ?? (status?.first == "4" ? .delayed : .failed)
        return DeliveryReport.Recipient(
            address: address, action: action, status: status, diagnostic: diagnostic?.isEmpty == false ? diagnostic : nil)
    }
}

/// The plain-text bounces older servers still send: qmail's "Hi. This is the qmail-send program" and Exim's
/// "This message was created automatically by mail delivery software", each with a quoted copy of the message.
private enum LegacyBounce {
    static func read(_ mail: ParsedMail) -> (recipients: [DeliveryReport.Recipient], quotedMessageIDs: [String])? {
        guard let text = mail.text, isFromMailSystem(mail) else { return nil }
        let opening = text.drop { $0.isWhitespace }
        guard
            opening.hasPrefix("Hi. This is the qmail-send program")
                || opening.hasPrefix("This message was created automatically by mail delivery software")
        else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let copyStart = lines.firstIndex { line in
            let lowered = line.lowercased()
            return line.hasPrefix("--") && (lowered.contains("copy of the message") || lowered.contains("below this line"))
        }
        let notice = lines[..<(copyStart ?? lines.endIndex)]
        // Exim's warning that a message is still queued uses the same layout as its bounce.
        let action: DeliveryReport.Action = notice.contains { $0.contains("has not yet been delivered") } ? .delayed : .failed
        var recipients: [DeliveryReport.Recipient] = []
        var address: String?
        var detail: [String] = []
        func flush() {
            if let address {
                let diagnostic = detail.joined(separator: " ")
                recipients.append(
                    DeliveryReport.Recipient(
                        address: address, action: action, status: DeliveryReport.statusCode(in: diagnostic),
                        diagnostic: diagnostic.isEmpty ? nil : diagnostic))
            }
            address = nil
            detail = []
        }
        for line in notice {
            let trimmed = String(line).trimmingWhitespace()
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            if trimmed.isEmpty {
                flush()
            } else if indent < 4, !trimmed.contains(where: \.isWhitespace),
                let lone = DeliveryReport.address(trimmed.dropLast(trimmed.hasSuffix(":") ? 1 : 0))
            {
                // qmail writes `<nobody@example.org>:`, Exim an address indented by two spaces.
                flush()
                address = lone
            } else if address != nil {
                detail.append(trimmed)
            }
        }
        flush()
        let quoted = copyStart.map { lines[($0 + 1)...].joined(separator: "\n") } ?? ""
        return (recipients, DeliveryReport.messageIDs(inHeadersOf: Array(quoted.utf8)[...]))
    }

    /// Bounces come from the mail system, never from a person: a customer pasting one into a message is not one.
    private static func isFromMailSystem(_ mail: ParsedMail) -> Bool {
        if mail.headers.firstRaw("Return-Path")?.filter({ !$0.isWhitespace }) == "<>" { return true }
        let local = mail.from?.localPart.lowercased() ?? ""
        return ["mailer-daemon", "mailer_daemon", "mail-daemon", "mailerdaemon", "postmaster"].contains(local)
    }
}

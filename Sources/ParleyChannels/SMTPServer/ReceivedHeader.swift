import Foundation
import ParleyMail

/// The `Received:` trace field the listener puts on top of every message it takes (RFC 5321 §4.4):
/// ```
/// Received: from mail.example.org ([203.0.113.5])
///         by mx.parley.example with ESMTPS id K7Q2M9XA.1
///         for <help@kubki.example>; Tue, 03 Jun 2025 10:00:00 +0000
/// ```
struct ReceivedHeader: Equatable {
    var heloName: String?
    var remoteAddress: String?
    var hostname: String
    /// `SMTP`, `ESMTP`, `ESMTPS`, `UTF8SMTPS`… (RFC 3848, RFC 6531 §3.7.3).
    var protocolName: String
    var id: String
    var recipients: [String]
    var date: Date

    /// The field as bytes, folded and ended by CRLF.
    var bytes: [UInt8] {
        var from = Self.sanitized(heloName ?? "unknown")
        if let remoteAddress {
            from += " (\(Self.addressLiteral(remoteAddress)))"
        }
        var field = "Received: from \(from)\r\n\tby \(Self.sanitized(hostname)) with \(protocolName) id \(id)"
        // Naming one of several recipients would tell each of them about the others.
        if recipients.count == 1 {
            field += "\r\n\tfor <\(Self.sanitized(recipients[0], keepingUnicode: true))>"
        }
        field += "; \(MailComposer.rfc5322Date(date))\r\n"
        return Array(field.utf8)
    }

    /// `[203.0.113.5]` or `[IPv6:2001:db8::1]` (RFC 5321 §4.1.3).
    static func addressLiteral(_ address: String) -> String {
        address.contains(":") ? "[IPv6:\(address)]" : "[\(address)]"
    }

    /// What the client said, made safe for a header: a HELO name or address cannot break the field
    /// or add a line of its own. Only an address may keep non-ASCII letters: it can have them only
    /// in an SMTPUTF8 transaction, whose headers may be UTF-8 (RFC 6532).
    static func sanitized(_ text: String, keepingUnicode: Bool = false) -> String {
        let cleaned = text.unicodeScalars.map { scalar in
            let control = scalar.value < 0x21 || scalar.value == 0x7F || (scalar.value > 0x7F && !keepingUnicode)
            return control || scalar == "(" || scalar == ")" || scalar == ";" ? "_" : String(scalar)
        }
        return String(cleaned.joined().prefix(255))
    }
}

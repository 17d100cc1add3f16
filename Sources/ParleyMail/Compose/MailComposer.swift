import Foundation

/// Writes an `OutgoingMail` as RFC 5322 / MIME bytes, ready for SMTP: CRLF line ends, 7-bit clean
/// (encoded words in headers, quoted-printable bodies), `multipart/alternative` when there is HTML.
public enum MailComposer {
    /// The message; `boundary` is fixed by tests, random otherwise.
    public static func compose(_ mail: OutgoingMail, boundary: String = "=_parley_" + UUID().uuidString.lowercased()) -> String {
        var headers: [(String, String)] = [
            ("Date", rfc5322Date(mail.date)),
            ("From", address(mail.from)),
            ("To", mail.to.map(address).joined(separator: ",\r\n ")),
        ]
        if let replyTo = mail.replyTo { headers.append(("Reply-To", address(replyTo))) }
        headers.append(("Subject", EncodedWord.encode(mail.subject)))
        headers.append(("Message-ID", "<\(mail.messageID)>"))
        if let inReplyTo = mail.inReplyTo { headers.append(("In-Reply-To", "<\(inReplyTo)>")) }
        if !mail.references.isEmpty { headers.append(("References", mail.references.map { "<\($0)>" }.joined(separator: "\r\n "))) }
        // Header injection: a value may never start a new header line.
        headers += mail.extraHeaders.map {
            ($0.0, $0.1.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " "))
        }
        headers.append(("MIME-Version", "1.0"))

        var message = headers.map { "\($0.0): \($0.1)\r\n" }.joined()
        guard let html = mail.html else {
            message += textPartHeaders("text/plain") + "\r\n" + QuotedPrintable.encode(mail.text) + "\r\n"
            return message
        }
        message += "Content-Type: multipart/alternative; boundary=\"\(boundary)\"\r\n\r\n"
        message += "This is a multi-part message in MIME format.\r\n"
        for (type, body) in [("text/plain", mail.text), ("text/html", html)] {
            message += "--\(boundary)\r\n" + textPartHeaders(type) + "\r\n" + QuotedPrintable.encode(body) + "\r\n"
        }
        message += "--\(boundary)--\r\n"
        return message
    }

    private static func textPartHeaders(_ type: String) -> String {
        "Content-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"
    }

    private static func address(_ address: EmailAddress) -> String {
        guard let name = address.displayName, !name.isEmpty else { return "<\(address.addrSpec)>" }
        let phrase = EncodedWord.phrase(name)
        let lastLine = phrase.components(separatedBy: "\r\n").last ?? phrase
        // Keep lines under 78 characters: a long name puts the address on a folded line of its own.
        let separator = lastLine.count + address.addrSpec.count + 3 > 68 ? "\r\n " : " "
        return "\(phrase)\(separator)<\(address.addrSpec)>"
    }

    /// `Sun, 22 Nov 2026 23:15:06 +0000`: the date form of RFC 5322 §3.3, in UTC.
    ///
    /// From the C library's calendar, not a `DateFormatter`: making one per email took 4 % of the
    /// sending server's time, and the names here are fixed English ones anyway.
    public static func rfc5322Date(_ date: Date) -> String {
        // To the millisecond first, as Foundation's formatter does: 57.9998 s reads as 58.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = weekdays[Int(parts.tm_wday)]
        let month = months[Int(parts.tm_mon)]
        return "\(day), \(two(parts.tm_mday)) \(month) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

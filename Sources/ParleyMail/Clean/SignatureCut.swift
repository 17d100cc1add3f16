/// Where the signature starts in the new text of a reply: at the `-- ` delimiter (RFC 3676; also a bare
/// `--` alone on a line when few lines follow it), or at the footer a mobile mail app adds as the last line
/// ("Sent from my iPhone", "Wysłane z iPhone'a", "Отправлено из мобильной Почты Mail.ru"…). Other endings,
/// such as a name alone, are left in the text: guessing them loses words.
enum SignatureCut {
    /// A line of the new text, and whether the HTML structure marks it as a signature start.
    struct Line {
        var text: String
        var isMark = false
    }

    /// The index of the first signature line in `lines`, or nil when there is none or nothing would be left above it.
    static func start(in lines: [Line]) -> Int? {
        var cut = delimiter(in: lines) ?? lines.count
        // Footers are the last non-blank lines above the cut: at most two (an app footer and a carrier's).
        for _ in 0..<2 {
            guard let last = lines[..<cut].lastIndex(where: { !$0.text.trimmingSpaces.isEmpty }),
                isMobileFooter(lines[last].text)
            else { break }
            cut = last
        }
        guard cut < lines.count, lines[..<cut].contains(where: { !$0.text.trimmingSpaces.isEmpty }) else { return nil }
        return cut
    }

    /// Whether `line` is a signature delimiter, `-- ` or `--`.
    static func isDelimiter(_ line: Line) -> Bool {
        line.isMark || line.text.trimmingSpaces == "--"
    }

    private static func delimiter(in lines: [Line]) -> Int? {
        let hasText: (Line) -> Bool = { !$0.text.trimmingSpaces.isEmpty }
        guard let firstText = lines.firstIndex(where: hasText) else { return nil }
        if let exact = lines.indices.first(where: { $0 > firstText && (lines[$0].isMark || lines[$0].text == "-- ") }) {
            return exact
        }
        // A bare "--" is also how people draw a line in text; it starts a signature only when a few lines follow.
        var remaining = lines.count(where: hasText)
        for index in lines.indices {
            if index > firstText, isDelimiter(lines[index]), remaining - 1 <= 12 { return index }
            if hasText(lines[index]) { remaining -= 1 }
        }
        return nil
    }

    /// Whether `line` is a mobile mail app's footer.
    static func isMobileFooter(_ line: String) -> Bool {
        guard line.utf8.count <= 240 else { return false }
        let text = QuoteHeader.normalized(line)
        return footerPrefixes.contains { text.hasPrefix($0) } || text.hasSuffix("से भेजा गया")
    }

    private static let footerPrefixes = [
        "sent from my ", "sent from yahoo mail", "sent from outlook", "sent from mail for windows", "sent from mail<",
        "sent from the all new aol app", "sent from aol", "sent from samsung", "sent from proton mail", "sent with proton mail",
        "sent from gmail", "sent via ", "get outlook for ", "download outlook for ", "wysłane z ", "wysłano z ",
        "wysłane przy użyciu ", "pobierz outlook dla ", "отправлено с ", "отправлено из ", "отправлено через ",
        "скачайте outlook для ", "надіслано з ", "надіслано із ", "відправлено з ", "στάλθηκε από ", "εστάλη από ",
        "λήψη του outlook για ", "von meinem ", "gesendet von ", "gesendet mit ", "outlook für ios", "outlook für android",
        "envoyé de mon ", "envoyé depuis ", "envoyé à partir de ", "obtenir outlook pour ", "enviado desde mi ",
        "enviado desde ", "obtener outlook para ", "enviado do meu ", "odesláno z ", "odesláno ze ", "získat outlook pro ",
        "verzonden vanaf mijn ", "verzonden met ", "inviato da ", "skickat från min ", "sendt fra min ",
    ]
}

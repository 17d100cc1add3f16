/// The line a mail program writes above a quoted message ("On Mon, 3 Mar 2025 at 10:14, Anna <a@b.pl> wrote:"),
/// in the formats of Gmail, Outlook, Apple Mail, Thunderbird, Yahoo, mail.ru and Yandex across languages.
///
/// A header ends with a colon, carries a time or a year, and either ends with a verb of writing, ends with
/// an address in angle brackets (mail.ru, Yandex, Gmail in Russian, German or Dutch), or starts with a
/// dated lead-in and has the verb inside (German "Am … schrieb Anna:", Russian "Пользователь … написал 5 дек. …:"). A sentence that merely contains
/// "wrote:" does not end with it, and one that does has no date.
enum QuoteHeader {
    /// Whether `text` (one header line, or two or three wrapped lines joined with spaces) is a quote header.
    static func matches(_ text: String) -> Bool {
        let line = normalized(text)
        guard line.utf8.count <= 400, line.hasSuffix(":"), hasTime(line) || hasYear(line) else { return false }
        if finalVerbs.contains(where: { line.hasSuffix($0) }) { return true }
        if line.hasSuffix(">:") || line.hasSuffix(">):"), line.contains("@") { return true }
        if leadIns.contains(where: { line.hasPrefix($0) }), innerVerbs.contains(where: { line.contains($0) }) { return true }
        return line.hasPrefix("wiadomość napisana przez ")
    }

    /// Whether `text`, found right above quoted lines, reads like an attribution in a format not listed:
    /// it ends with a colon and has a time and an address or a year.
    static func looksLikeAttribution(_ text: String) -> Bool {
        let line = normalized(text)
        return line.utf8.count <= 400 && line.hasSuffix(":") && hasTime(line) && (line.contains("@") || hasYear(line))
    }

    /// Verbs that end a header, with the colon (spaces before it are removed first: French "a écrit :").
    private static let finalVerbs = [
        "wrote:", "writes:", "napisał(a):", "napisał:", "napisała:", "napisał(-a):", "pisze:", "έγραψε:", "έγραψαν:",
        "написал(а):", "написал:", "написала:", "пишет:", "пише:", "написав(ла):", "написав(-ла):", "написав:", "schrieb:",
        "écrit:", "escribió:", "napsal(a):", "napsal:", "napsala:", "napísal(a):", "napísal:", "schreef:", "scritto:",
        "लिखा:", "escreveu:", "skrev:", "kirjoitti:", "yazdı:", "írta:", "a scris:",
    ]

    /// Lead-ins of headers that put the verb before the name ("Am 03.03.2025 um 10:14 schrieb Anna:").
    private static let leadIns = ["am ", "dne ", "op ", "den ", "le ", "el ", "il ", "пользователь "]
    private static let innerVerbs = [
        " schrieb ", " napsal", " schreef ", " skrev ", " a écrit", " escribió", " ha scritto", " написал ", " написала ",
        " написал(а) ",
    ]

    /// Lowercased, every run of whitespace (including no-break spaces) one space, none before the final colon.
    static func normalized(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var space = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isWhitespace {
                space = !result.isEmpty
                continue
            }
            if space, scalar != ":" && scalar != "：" { result.unicodeScalars.append(" ") }
            space = false
            result.unicodeScalars.append(scalar == "：" ? ":" : scalar)
        }
        return result
    }

    /// A clock time: one or two digits, a colon, two digits.
    static func hasTime(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        for index in scalars.indices where scalars[index] == ":" {
            if index >= 1, index + 2 < scalars.count, isDigit(scalars[index - 1]), isDigit(scalars[index + 1]),
                isDigit(scalars[index + 2])
            {
                return true
            }
        }
        return false
    }

    /// Four digits in a row starting 19 or 20.
    static func hasYear(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var run = 0
        for (index, scalar) in scalars.enumerated() {
            run = isDigit(scalar) ? run + 1 : 0
            if run == 4, scalars[index - 3] == "1" || scalars[index - 3] == "2",
                index + 1 == scalars.count || !isDigit(scalars[index + 1])
            {
                return true
            }
        }
        return false
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.numericType == .decimal
    }
}

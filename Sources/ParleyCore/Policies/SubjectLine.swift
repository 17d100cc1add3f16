import Foundation

/// Email subjects as the threading rules see them, and as Parley writes them.
///
/// A reply or forward prefix is a word from a fixed list (`Re`, `Fwd`, `AW`, `Odp`, `ΑΠ`, `Ответ`, `回复`,
/// … see ``prefixes``), optionally followed by a counter (`Re[2]:`, `Re(3):`) and always by a colon,
/// ASCII or full-width. The colon is what tells `Re: order` from `Re-order of mugs` or `Reklamacja`.
/// Bracket tags that a mail gateway puts before the prefixes (`[EXTERNAL] Re: …`) go with them;
/// a tag after the last prefix belongs to the customer's subject and stays (`Re: [PILNE] kubek` is
/// the same matter as `[PILNE] kubek`).
///
/// The ticket token is `[#N]` or `[PREFIX #N]`, where PREFIX is at most 30 letters, digits, spaces
/// or dashes (`[Kubki #42]`) and N a positive number that fits an `Int64`. `Ticket #42` without
/// brackets is not a token: customers write such text themselves.
public enum SubjectLine {
    /// The subject reduced for comparison: reply and forward prefixes (any number, any case, with
    /// counters, before or among leading bracket tags), every ticket token and a trailing `(fwd)`
    /// removed, Unicode NFKC applied (so full-width `ＲＥ：` is `re:`), case folded with a fixed
    /// locale (`en_US_POSIX`, so the result never depends on the server's language: `Straße` and
    /// `STRASSE` match, Turkish `I` folds like English), whitespace collapsed and trimmed.
    ///
    /// The result may be `""`; the caller treats an empty subject as matching nothing.
    ///
    /// ```swift
    /// SubjectLine.normalized("AW: RE[2]: [#42] Gdzie jest moja paczka?")  // "gdzie jest moja paczka?"
    /// ```
    public static func normalized(_ subject: String) -> String {
        let units = SubjectUnits(subject)
        return units.body().map(\.key).joined().collapsingWhitespace()
    }

    /// The ticket number named in `subject` (`Re: [#42] Gdzie paczka?` → 42); when several tokens
    /// appear the last one wins. `nil` when there is none: `[#0]`, `[#-1]` and numbers too big for an
    /// `Int64` are not tokens.
    public static func ticketNumber(in subject: String) -> Int64? {
        SubjectUnits(subject).tokens.last?.number
    }

    /// The subject of a message Parley sends on ticket `number`: the customer's own words (their case
    /// and spelling kept), without reply prefixes, old tokens or `(fwd)`, with exactly one `[#N]` and,
    /// when `reply` is set, `Re: ` in front.
    ///
    /// ```swift
    /// SubjectLine.withTicketToken("AW: [#41] Gdzie paczka?", number: 42, reply: true)  // "Re: [#42] Gdzie paczka?"
    /// ```
    public static func withTicketToken(_ subject: String, number: Int64, reply: Bool) -> String {
        let text = SubjectUnits(subject).body().map { String($0.original) }.joined().collapsingWhitespace()
        let token = "[#\(number)]"
        let tokened = text.isEmpty ? token : token + " " + text
        return reply ? "Re: " + tokened : tokened
    }

    /// The reply and forward prefixes recognised, case folded: the words mail programs put in front
    /// of a subject in the languages of Parley's shops and of the common clients.
    public static let prefixes: Set<String> = [
        // English and the common clients
        "re", "fw", "fwd",
        // German, Dutch
        "aw", "wg", "antw", "doorst",
        // Polish (Outlook's "PD" is "przekazanie dalej")
        "odp", "pd", "przekaz", "przekaż",
        // Greek
        "απ", "σχετ", "πρθ",
        // Russian, Ukrainian
        "ответ", "отв", "пересл", "відп", "відповідь",
        // Nordic
        "sv", "vs", "vb", "vl",
        // French, Spanish, Portuguese, Italian
        "tr", "rv", "enc", "res", "r", "rif", "i",
        // Czech, Hungarian, Turkish
        "vá", "továbbítás", "ynt", "ilt",
        // Chinese, Japanese
        "回复", "回覆", "转发", "轉寄", "答复", "返信", "転送",
    ]
}

/// A subject split into characters, each with its comparison key (NFKC, then case folded), so the
/// same scanner serves both the normalized form (keys) and Parley's own subject (original text).
struct SubjectUnits {
    struct Unit {
        let original: Character
        let key: String
    }

    struct Token {
        let range: Range<Int>
        let number: Int64
    }

    private static let posix = Locale(identifier: "en_US_POSIX")
    let units: [Unit]
    let tokens: [Token]

    init(_ subject: String) {
        // Foundation's folding of one character costs about a microsecond; a subject repeats its letters.
        var keys: [Character: String] = [:]
        units = subject.map { character in
            Unit(original: character, key: Self.key(character, seen: &keys))
        }
        var tokens: [Token] = []
        var index = 0
        while index < units.count {
            if let token = Self.token(in: units, at: index) {
                tokens.append(token)
                index = token.range.upperBound
            } else {
                index += 1
            }
        }
        self.tokens = tokens
    }

    /// `character`'s comparison key. ASCII is its own NFKC form and folds to lower case, and so is
    /// a lone scalar NFKC case folding leaves as it is (most letters of a lower-case Greek, Russian or
    /// Hindi subject); only the rest needs Foundation.
    private static func key(_ character: Character, seen: inout [Character: String]) -> String {
        if character.isASCII { return character.lowercased() }
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, !scalar.properties.changesWhenNFKCCaseFolded {
            return String(character)
        }
        if let key = seen[character] { return key }
        let key = String(character).precomposedStringWithCompatibilityMapping.folding(options: [.caseInsensitive], locale: posix)
        seen[character] = key
        return key
    }

    /// The units left once tokens, the leading prefix chain and trailing `(fwd)` markers are removed.
    func body() -> [Unit] {
        var rest = units
        for token in tokens.reversed() {
            // A token becomes a space, so "a[#1]b" does not fuse into "ab".
            rest.replaceSubrange(token.range, with: [Unit(original: " ", key: " ")])
        }
        rest.removeFirst(Self.prefixChainLength(rest))
        while let cut = Self.trailingForward(rest) {
            rest.removeLast(rest.count - cut)
        }
        return rest
    }

    /// How many units the leading chain of prefixes and bracket tags takes, up to its last prefix.
    private static func prefixChainLength(_ units: [Unit]) -> Int {
        var index = 0
        var end = 0
        while true {
            let start = skipSpaces(units, from: index)
            if let next = prefix(in: units, at: start) {
                index = next
                end = next
            } else if let next = tag(in: units, at: start) {
                index = next
            } else {
                return end
            }
        }
    }

    /// `Re:`, `RE :`, `Re[2]:`, `Fwd(3):`; the index after the colon.
    private static func prefix(in units: [Unit], at start: Int) -> Int? {
        var index = start
        var word = ""
        while index < units.count, units[index].key.allSatisfy(\.isLetter) {
            word += units[index].key
            index += 1
        }
        guard !word.isEmpty, SubjectLine.prefixes.contains(word) else { return nil }
        index = skipSpaces(units, from: index)
        if index < units.count, let close = ["[": "]", "(": ")"][units[index].key] {
            let digits = skipDigits(units, from: index + 1)
            guard digits > index + 1, digits < units.count, units[digits].key == close else { return nil }
            index = skipSpaces(units, from: digits + 1)
        }
        guard index < units.count, units[index].key == ":" else { return nil }
        return index + 1
    }

    /// A leading bracket tag such as `[EXTERNAL]`; the index after `]`.
    private static func tag(in units: [Unit], at start: Int) -> Int? {
        guard start < units.count, units[start].key == "[" else { return nil }
        var index = start + 1
        while index < units.count, index - start <= 40 {
            switch units[index].key {
            case "]": return index > start + 1 ? index + 1 : nil
            case "[": return nil
            default: index += 1
            }
        }
        return nil
    }

    /// `[#42]` or `[Kubki #42]` starting at `start`.
    private static func token(in units: [Unit], at start: Int) -> Token? {
        guard units[start].key == "[" else { return nil }
        var index = start + 1
        while index < units.count, index - start <= 30,
            units[index].key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" })
        {
            index += 1
        }
        guard index < units.count, units[index].key == "#" else { return nil }
        let digitsEnd = skipDigits(units, from: index + 1)
        guard digitsEnd > index + 1, digitsEnd < units.count, units[digitsEnd].key == "]" else { return nil }
        let digits = units[(index + 1)..<digitsEnd].map(\.key).joined()
        guard let number = Int64(digits), number > 0 else { return nil }
        return Token(range: start..<(digitsEnd + 1), number: number)
    }

    /// Where a trailing `(fwd)` (and the spaces after it) starts, if the units end with one.
    private static func trailingForward(_ units: [Unit]) -> Int? {
        var end = units.count
        while end > 0, units[end - 1].key.allSatisfy(\.isWhitespace) { end -= 1 }
        let marker = ["(", "f", "w", "d", ")"]
        guard end >= marker.count, units[(end - marker.count)..<end].map(\.key) == marker else { return nil }
        return end - marker.count
    }

    private static func skipSpaces(_ units: [Unit], from start: Int) -> Int {
        var index = start
        while index < units.count, units[index].key.allSatisfy(\.isWhitespace) { index += 1 }
        return index
    }

    private static func skipDigits(_ units: [Unit], from start: Int) -> Int {
        var index = start
        while index < units.count, !units[index].key.isEmpty, units[index].key.allSatisfy({ $0.isASCII && $0.isNumber }) {
            index += 1
        }
        return index
    }
}

extension String {
    /// Runs of whitespace (folded header lines, tabs, no-break spaces) as one space, trimmed.
    fileprivate func collapsingWhitespace() -> String {
        split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

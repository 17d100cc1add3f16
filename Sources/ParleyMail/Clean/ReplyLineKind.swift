/// What a line of a reply is, decided from the HTML structure first and the text second.
enum ReplyLineKind: Equatable {
    case blank
    case body
    /// Quoted: `>` in text, inside a quote in HTML.
    case quote
    /// Part of a quote header ("On …, Anna wrote:"), one to three lines.
    case attribution
    /// Starts a quoted message that is not quoted line by line (Outlook).
    case separator
    /// Starts a forwarded message.
    case forward
    /// A signature start marked by the HTML structure.
    case signatureMark

    /// The kind of each line.
    static func classify(_ lines: [RenderedLine]) -> [ReplyLineKind] {
        let texts = lines.map(\.text)
        var kinds = lines.map { line -> ReplyLineKind in
            if line.depth > 0 || line.text.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(">") { return .quote }
            if line.role == .signatureMark { return .signatureMark }
            if line.text.trimmingSpaces.isEmpty { return .blank }
            return line.role == .attribution ? .attribution : .body
        }
        if let outlook = lines.firstIndex(where: { $0.role == .afterSeparator }) { kinds[outlook] = .separator }
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard kinds[index] == .body || kinds[index] == .attribution else { continue }
            switch QuotedMessageSeparator.kind(of: texts[index]) {
            case .forwarded?:
                kinds[index] = .forward
                continue
            case .original?:
                kinds[index] = .separator
                continue
            case nil:
                break
            }
            if QuotedMessageSeparator.isHeaderBlock(texts, at: index)
                || (QuotedMessageSeparator.isRule(texts[index]) && headerBlockFollows(texts, kinds, after: index))
            {
                kinds[index] = .separator
                continue
            }
            guard kinds[index] == .body, let length = headerLength(texts, kinds, at: index) else { continue }
            for offset in 0..<length { kinds[index + offset] = .attribution }
            index += length - 1
        }
        markUnknownAttributions(texts, &kinds)
        return kinds
    }

    /// How many lines (1–3, as a client wraps a long header) form a quote header starting at `index`.
    private static func headerLength(_ texts: [String], _ kinds: [ReplyLineKind], at index: Int) -> Int? {
        var joined = ""
        for length in 1...3 {
            let last = index + length - 1
            guard last < texts.count, kinds[last] == .body else { return nil }
            // A wrapped header does not end a sentence on its first lines; a dated line may end with an
            // abbreviation ("5 дек. 2025 г.").
            if length > 1, let end = texts[last - 1].trimmingSpaces.last, ".!?".contains(end),
                !endsWithDateAbbreviation(texts[last - 1])
            {
                return nil
            }
            joined += (length > 1 ? " " : "") + texts[last]
            if texts[last].trimmingSpaces.hasSuffix(":") || texts[last].trimmingSpaces.hasSuffix("："),
                QuoteHeader.matches(joined)
            {
                return length
            }
        }
        return nil
    }

    /// "… 2025 г.", "… 3 mar.": a line with a date whose last word is a short abbreviation.
    private static func endsWithDateAbbreviation(_ line: String) -> Bool {
        let trimmed = line.trimmingSpaces
        guard trimmed.hasSuffix("."), let word = trimmed.split(separator: " ").last, word.count <= 5 else { return false }
        return QuoteHeader.hasYear(trimmed) || QuoteHeader.hasTime(trimmed)
    }

    private static func headerBlockFollows(_ texts: [String], _ kinds: [ReplyLineKind], after index: Int) -> Bool {
        var next = index + 1
        while next < texts.count, next <= index + 3, kinds[next] == .blank { next += 1 }
        return QuotedMessageSeparator.isHeaderBlock(texts, at: next)
    }

    /// A paragraph of one to three lines directly above quoted lines, ending with a colon and carrying a time
    /// and an address or year, introduces the quote even in a language or format not listed.
    private static func markUnknownAttributions(_ texts: [String], _ kinds: inout [ReplyLineKind]) {
        for start in kinds.indices where kinds[start] == .quote && (start == 0 || kinds[start - 1] != .quote) {
            var bottom = start - 1
            if bottom >= 0, kinds[bottom] == .blank { bottom -= 1 }
            guard bottom >= 0, kinds[bottom] == .body, texts[bottom].trimmingSpaces.hasSuffix(":") else { continue }
            var top = bottom
            while top > 0, bottom - top < 2, kinds[top - 1] == .body { top -= 1 }
            // The paragraph must start here: a colon at the end of a longer paragraph is the customer's sentence.
            guard top == 0 || kinds[top - 1] == .blank || kinds[top - 1] == .quote else { continue }
            if QuoteHeader.looksLikeAttribution(texts[top...bottom].joined(separator: " ")) {
                for line in top...bottom { kinds[line] = .attribution }
            }
        }
    }
}

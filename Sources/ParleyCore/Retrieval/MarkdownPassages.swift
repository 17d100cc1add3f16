/// One answerable piece of an article: a paragraph or a list, under the heading it sits in.
public struct MarkdownPassage: Sendable, Equatable {
    /// The nearest heading above, in plain text; nil before the first heading.
    public let heading: String?
    /// The passage as a person reads it: Markdown's marks gone, list items one per line.
    public let text: String

    public init(heading: String?, text: String) {
        self.heading = heading
        self.text = text
    }
}

/// Cuts a Markdown article into passages, so that an answer quotes the paragraph that answers and
/// not the whole article.
///
/// ```swift
/// MarkdownPassages.split("## Zwroty\nMasz **30 dni**.\n\n- Zapakuj\n- Odeślij")
/// // [(heading: "Zwroty", text: "Masz 30 dni."), (heading: "Zwroty", text: "- Zapakuj\n- Odeślij")]
/// ```
///
/// Plain Swift string work, no Foundation: a shop's articles are cut up on demand, and
/// Foundation's trimming costs tens of microseconds a line on Linux.
public enum MarkdownPassages {
    public static func split(_ markdown: String) -> [MarkdownPassage] {
        var passages: [MarkdownPassage] = []
        var heading: String?
        var lines: [String] = []
        var inList = false
        var fence = false
        func flush() {
            if !lines.isEmpty { passages.append(MarkdownPassage(heading: heading, text: lines.joined(separator: "\n"))) }
            lines = []
            inList = false
        }
        for raw in markdown.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = trimmed(Substring(raw))
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                fence.toggle()
                continue
            }
            if fence {
                if !line.isEmpty { lines.append(String(line)) }
            } else if line.isEmpty {
                flush()
            } else if let title = headingText(line) {
                flush()
                if !title.isEmpty { heading = title }
            } else if let item = listItem(line) {
                // A list is one passage: its items answer together ("how do I return": the steps).
                if !inList { flush() }
                inList = true
                lines.append(item)
            } else if line.allSatisfy({ "-*_= ".contains($0) }) {
                flush()
            } else {
                if inList { flush() }
                let text = inline(line.first == ">" ? trimmed(line.drop { $0 == ">" || $0 == " " }) : line)
                if !text.isEmpty { lines.append(text) }
            }
        }
        flush()
        return passages
    }

    private static func trimmed(_ text: Substring) -> Substring {
        let start = text.drop { $0.isWhitespace }
        var end = start.endIndex
        while end > start.startIndex, start[start.index(before: end)].isWhitespace { end = start.index(before: end) }
        return start[..<end]
    }

    private static func headingText(_ line: Substring) -> String? {
        guard line.first == "#" else { return nil }
        let text = line.drop { $0 == "#" }
        guard text.isEmpty || text.first == " " else { return nil }
        var title = trimmed(text)
        while title.last == "#" { title = trimmed(title.dropLast()) }
        return inline(title)
    }

    private static func listItem(_ line: Substring) -> String? {
        for bullet in ["- ", "* ", "+ "] where line.hasPrefix(bullet) {
            return "- " + inline(trimmed(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        let rest = line.dropFirst(digits.count)
        guard !digits.isEmpty, digits.count < 10, rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return "\(digits). " + inline(trimmed(rest.dropFirst(2)))
    }

    /// `text` without inline Markdown: emphasis and code marks, link and image syntax (the words of
    /// a link stay, its address goes), escapes and HTML tags; runs of spaces become one.
    static func inline(_ text: Substring) -> String {
        var previous: UInt8 = 0
        let plain = text.utf8.allSatisfy { byte in
            defer { previous = byte }
            return !(byte < 128 && markBytes[Int(byte)]) && !(byte == 0x20 && previous == 0x20)
        }
        guard !plain else { return String(text) }
        let characters = Array(text)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\\" where index + 1 < characters.count:
                output.append(characters[index + 1])
                index += 2
            case "!" where characters.dropFirst(index + 1).first == "[":
                // An image says nothing a customer can read in a chat.
                index = link(in: characters, at: index + 1)?.end ?? index + 1
                if index == characters.count || characters[index - 1] != ")" { output.append("!") }
            case "[":
                if let link = link(in: characters, at: index) {
                    output += inline(Substring(String(characters[(index + 1)..<link.close])))
                    index = link.end
                } else {
                    output.append(character)
                    index += 1
                }
            case "<":
                if let close = characters[index...].firstIndex(of: ">"),
                    characters.dropFirst(index + 1).first.map({ $0.isLetter || $0 == "/" }) == true
                {
                    let tag = String(characters[(index + 1)..<close])
                    // An autolink `<https://…>` is the address itself; a tag is markup.
                    if tag.contains("://") || tag.contains("@") { output += tag }
                    index = close + 1
                } else {
                    output.append(character)
                    index += 1
                }
            case "*", "_", "`", "~":
                index += 1
            case " " where output.last == " ":
                index += 1
            default:
                output.append(character)
                index += 1
            }
        }
        return output
    }

    /// The ASCII bytes that may start inline Markdown.
    private static let markBytes: [Bool] = (0..<128).map { "\\![<*_`~".utf8.contains(UInt8($0)) }

    private static func link(in characters: [Character], at start: Int) -> (close: Int, end: Int)? {
        guard start < characters.count, characters[start] == "[", let close = characters[start...].firstIndex(of: "]"),
            close + 1 < characters.count, characters[close + 1] == "(", let end = characters[(close + 1)...].firstIndex(of: ")")
        else { return nil }
        return (close, end + 1)
    }
}

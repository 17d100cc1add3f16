import Foundation
import Mustache

/// The HTML part of a marketing email: its text as paragraphs under the shop's brand, each web
/// address in the text a link (through `track` when the shop counts clicks), the footer's links
/// as they are (a preference centre or an unsubscribe is not a click to count), and the pixel that
/// counts opens. The text part stays what the customer would read without HTML.
struct MarketingHTML: Sendable {
    let layout: MustacheLibrary

    /// The layout and the brand header from `resources/templates`.
    init(templates folder: URL) throws {
        var layout = MustacheLibrary()
        for name in ["marketing-email-html", "brand-header"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).mustache"), encoding: .utf8)
            try layout.register(text, named: name)
        }
        self.layout = layout
    }

    func render(
        subject: String, body: String, footer: String, language: String, shop: String, brand: [String: Any], pixel: String?,
        track: (String) -> String
    ) -> String? {
        var values: [String: Any] = [
            "locale": language, "subject": subject, "shop": shop, "brand": brand,
            "paragraphs": Self.paragraphs(body, link: track), "footer": Self.paragraphs(footer, link: { $0 }),
        ]
        if let pixel { values["pixel"] = pixel }
        return layout.render(values, withTemplate: "marketing-email-html")
    }

    /// Paragraphs (split at blank lines) of lines of text and link segments, for the layout.
    static func paragraphs(_ text: String, link: (String) -> String) -> [[String: Any]] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.components(separatedBy: "\n\n").compactMap { paragraph -> [String: Any]? in
            let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
            return [
                "lines": lines.enumerated().map { index, line -> [String: Any] in
                    ["segments": segments(line, link: link), "last": index == lines.count - 1]
                }
            ]
        }
    }

    /// `line` cut into plain text and web addresses, each address with the link it gets.
    ///
    /// Scanned by hand: a regex here cost more than the rest of a campaign email together.
    static func segments(_ line: String, link: (String) -> String) -> [[String: Any]] {
        var result: [[String: Any]] = []
        var rest = Substring(line)
        while let start = addressStart(in: rest) {
            var end = rest[start...].firstIndex { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" } ?? rest.endIndex
            var address = rest[start..<end]
            // Sentence punctuation after an address is not part of it; a bracket is when it opened inside.
            while let last = address.last, ".,;:!?'".contains(last) || (last == ")" && !address.contains("(")) {
                address = address.dropLast()
            }
            end = address.endIndex
            if start > rest.startIndex { result.append(["text": String(rest[..<start])]) }
            result.append(["text": String(address), "href": link(String(address))])
            rest = rest[end...]
        }
        if !rest.isEmpty { result.append(["text": String(rest)]) }
        return result
    }

    /// Where the first `http://` or `https://` address with something after the scheme begins.
    private static func addressStart(in text: Substring) -> Substring.Index? {
        var searched = text[...]
        while let found = searched.range(of: "http") {
            let after = searched[found.upperBound...]
            let scheme = after.hasPrefix("s://") ? 4 : after.hasPrefix("://") ? 3 : 0
            if scheme > 0 {
                let body = after.dropFirst(scheme)
                if let first = body.first, !first.isWhitespace, first != "<", first != ">", first != "\"" { return found.lowerBound }
            }
            searched = text[found.upperBound...]
        }
        return nil
    }
}

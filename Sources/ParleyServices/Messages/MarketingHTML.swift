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
    static func segments(_ line: String, link: (String) -> String) -> [[String: Any]] {
        var result: [[String: Any]] = []
        var rest = Substring(line)
        while let match = rest.firstMatch(of: #/https?://[^\s<>"]+/#) {
            var address = match.output
            // Sentence punctuation after an address is not part of it; a bracket is when it opened inside.
            while let last = address.last, ".,;:!?'".contains(last) || (last == ")" && !address.contains("(")) {
                address = address.dropLast()
            }
            if match.range.lowerBound > rest.startIndex { result.append(["text": String(rest[..<match.range.lowerBound])]) }
            result.append(["text": String(address), "href": link(String(address))])
            rest = rest[address.endIndex...]
        }
        if !rest.isEmpty { result.append(["text": String(rest)]) }
        return result
    }
}

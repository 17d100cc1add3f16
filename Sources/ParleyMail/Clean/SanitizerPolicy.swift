/// What ``HTMLSanitizer`` lets through, and how it escapes what it writes.
enum SanitizerPolicy {
    /// Elements removed together with everything inside them.
    static let droppedWithContents: Set<String> = [
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "noembed", "noframes",
        "svg", "math", "title",
    ]

    /// Allowed elements and the name each is written as.
    private static let allowed: [String: String] = {
        var table: [String: String] = [:]
        for name in [
            "p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "blockquote", "pre", "code", "ul", "ol", "li", "table",
            "thead", "tbody", "tfoot", "caption", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "a", "img", "hr", "sub",
            "sup", "small", "dl", "dt", "dd",
        ] {
            table[name] = name
        }
        for (name, written) in [("font", "span"), ("center", "div"), ("strike", "s"), ("del", "s"), ("ins", "u"), ("tt", "code")] {
            table[name] = written
        }
        return table
    }()

    /// An element as it is written out: its name and safe attributes.
    struct Element {
        var name: String
        var attributes: [HTMLAttribute]
    }

    /// How `name` with `attributes` is written, or nil when it is unwrapped (not allowed, a link without a safe
    /// address, an image without a safe source).
    static func element(_ name: String, _ attributes: [HTMLAttribute]) -> Element? {
        guard let written = allowed[name] else { return nil }
        var kept: [HTMLAttribute] = []
        switch name {
        case "a":
            guard let href = attributes["href"].flatMap({ safeURL($0, schemes: ["http", "https", "mailto"]) }) else { return nil }
            kept = [
                HTMLAttribute(name: "href", value: href), HTMLAttribute(name: "rel", value: "noopener noreferrer nofollow"),
                HTMLAttribute(name: "target", value: "_blank"),
            ]
        case "img":
            guard let src = attributes["src"].flatMap({ safeURL($0, schemes: ["https", "cid"]) }) else { return nil }
            kept = [HTMLAttribute(name: "src", value: src)]
            if let alt = attributes["alt"] { kept.append(HTMLAttribute(name: "alt", value: alt)) }
        case "td", "th":
            for span in ["colspan", "rowspan"] {
                if let value = attributes[span]?.trimmingSpaces, (1...3).contains(value.count), value.allSatisfy(\.isASCIIDigit) {
                    kept.append(HTMLAttribute(name: span, value: value))
                }
            }
        default:
            break
        }
        if let title = attributes["title"] { kept.append(HTMLAttribute(name: "title", value: title)) }
        return Element(name: written, attributes: kept)
    }

    /// `value` as a URL with one of `schemes`, with the whitespace and control characters that browsers skip
    /// removed first (`jav&#x09;ascript:`, a leading `\u{01}`); nil for any other scheme or none.
    static func safeURL(_ value: String, schemes: Set<String>) -> String? {
        let cleaned = String(String.UnicodeScalarView(value.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard let colon = cleaned.firstIndex(of: ":"), schemes.contains(cleaned[..<colon].lowercased()) else { return nil }
        return cleaned
    }

    /// Text with `&`, `<` and `>` escaped and control characters other than tab and newline removed.
    static func escapeText(_ text: String) -> String {
        escape(text, quotes: false)
    }

    /// An attribute value escaped for double quotes; `'`, `=` and `` ` `` too, so nothing reads as markup anywhere.
    static func escapeAttribute(_ text: String) -> String {
        escape(text, quotes: true)
    }

    private static func escape(_ text: String, quotes: Bool) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"" where quotes: result += "&quot;"
            case "'" where quotes: result += "&#39;"
            case "=" where quotes: result += "&#61;"
            case "`" where quotes: result += "&#96;"
            case "\t", "\n": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

extension Character {
    /// `0`–`9`.
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

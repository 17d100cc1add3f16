/// Safe HTML from untrusted mail, for showing in the agent app.
///
/// ```swift
/// HTMLSanitizer.sanitize(#"<p onclick="x()">Hi <a href="javascript:alert(1)">there</a><script>steal()</script>"#)
/// // "<p>Hi there</p>"
/// ```
public enum HTMLSanitizer {
    /// Safe HTML to show in the agent app. Keeps an allowlist of elements (`p`, `br`, `div`, `span`, `b`,
    /// `strong`, `i`, `em`, `u`, `s`, `blockquote`, `pre`, `code`, `ul`, `ol`, `li`, `table`, `thead`, `tbody`,
    /// `tr`, `td`, `th`, `h1`–`h6`, `a`, `img`, `hr`; `font` becomes `span`) and of attributes: `href` on `a`
    /// only for `http:`, `https:` and `mailto:` (with `rel="noopener noreferrer nofollow"` and
    /// `target="_blank"` added), `src` on `img` only for `https:` and `cid:`, `alt`, `title`, `colspan`,
    /// `rowspan`. Styles, event handlers and every other attribute are dropped; so are `script`, `style`,
    /// `iframe`, `object`, `embed`, `svg`, `math` and their contents, comments, CDATA and conditional comments.
    /// Other elements are unwrapped: their text stays, escaped. URLs are checked after decoding references
    /// and removing the whitespace and control characters browsers ignore, so `jav&#x09;ascript:` is caught.
    /// The output is well formed: every element opened is closed and all text and attributes are escaped.
    public static func sanitize(_ html: String) -> String {
        var sanitizer = Sanitizer()
        var tokenizer = HTMLTokenizer(html)
        while let token = tokenizer.next() { sanitizer.consume(token) }
        for entry in sanitizer.open.closeAll() { sanitizer.leave(entry.frame) }
        return sanitizer.output
    }
}

/// The state of one ``HTMLSanitizer/sanitize(_:)`` run.
private struct Sanitizer {
    struct Frame {
        /// The element written to the output for this one, if any.
        var written: String?
        /// Its contents are dropped.
        var drops = false
    }

    var open = HTMLOpenElements<Frame>()
    var output = ""
    private var droppedDepth = 0
    private var writtenDepth = 0
    /// Deeper nesting is unwrapped, so the output never nests without bound.
    private let maximumDepth = 200

    mutating func consume(_ token: HTMLToken) {
        switch token {
        case .text(let text):
            if droppedDepth == 0 { output += SanitizerPolicy.escapeText(text) }
        case .startTag(let name, let attributes, _):
            start(name, attributes)
        case .endTag(let name):
            if name == "br" {
                start("br", [])
            } else {
                for entry in open.close(name) { leave(entry.frame) }
            }
        case .ignorable:
            break
        }
    }

    private mutating func start(_ name: String, _ attributes: [HTMLAttribute]) {
        for entry in open.closeImplied(by: name) { leave(entry.frame) }
        let isVoid = HTMLElements.void.contains(name)
        guard droppedDepth == 0 else {
            if !isVoid { open.push(name, Frame()) }
            return
        }
        if SanitizerPolicy.droppedWithContents.contains(name) {
            if !isVoid {
                open.push(name, Frame(drops: true))
                droppedDepth += 1
            }
            return
        }
        guard let element = SanitizerPolicy.element(name, attributes), writtenDepth < maximumDepth else {
            if !isVoid { open.push(name, Frame()) }
            return
        }
        output += "<" + element.name + element.attributes.map { " \($0.name)=\"\(SanitizerPolicy.escapeAttribute($0.value))\"" }.joined()
        if isVoid {
            output += " />"
            return
        }
        output += ">"
        writtenDepth += 1
        open.push(name, Frame(written: element.name))
    }

    mutating func leave(_ frame: Frame) {
        if frame.drops { droppedDepth -= 1 }
        if let written = frame.written {
            output += "</" + written + ">"
            writtenDepth -= 1
        }
    }
}

/// Turns HTML into lines of text as a browser lays them out: whitespace collapsed, blocks on their own
/// lines, paragraphs separated by one blank line, lists marked, links followed by their address, table
/// cells separated by ` | `. It also notes the structure mail programs give replies (quotes, attributions,
/// Outlook separators, signatures) so ``ReplyCleaner`` can cut by structure before it cuts by text.
struct HTMLRenderer {
    private struct Frame {
        var hidden = false
        var quote = false
        var attribution = false
        var pre = false
        var list = false
        var link: String?
    }

    private enum ListKind {
        case bullet
        case numbered(next: Int)
    }

    private var open = HTMLOpenElements<Frame>()
    private var output = RenderedLineBuilder()
    private var hiddenDepth = 0
    private var quoteDepth = 0
    private var attributionDepth = 0
    private var preDepth = 0
    private var afterSeparator = false
    /// Set at `<pre>`: a newline right after the start tag is not content.
    private var skipLeadingNewline = false
    private var lists: [ListKind] = []
    /// The text of the links being read, innermost last.
    private var linkTexts: [String] = []

    /// The lines of `html`, at most one blank line in a row, none at the start or end.
    static func lines(_ html: String) -> [RenderedLine] {
        var renderer = HTMLRenderer()
        var tokenizer = HTMLTokenizer(html)
        while let token = tokenizer.next() { renderer.consume(token) }
        for entry in renderer.open.closeAll() { renderer.leave(entry.name, entry.frame) }
        return renderer.output.finish()
    }

    private mutating func consume(_ token: HTMLToken) {
        switch token {
        case .text(var text):
            guard hiddenDepth == 0 else { return }
            if skipLeadingNewline, text.hasPrefix("\n") { text.removeFirst() }
            skipLeadingNewline = false
            write(text)
        case .startTag(let name, let attributes, _):
            skipLeadingNewline = false
            start(name, attributes)
        case .endTag(let name):
            skipLeadingNewline = false
            if name == "br" {
                start("br", [])
            } else if name == "p", !open.isOpen("p") {
                // `</p>` without `<p>` makes an empty paragraph.
                output.requestBreak(2)
            } else {
                for entry in open.close(name) { leave(entry.name, entry.frame) }
            }
        case .ignorable:
            break
        }
    }

    private mutating func write(_ text: String) {
        if !linkTexts.isEmpty { linkTexts[linkTexts.count - 1] += text }
        output.write(text)
    }

    /// Tells the line builder where the next lines belong.
    private mutating func updateContext() {
        output.depth = quoteDepth
        output.role = afterSeparator ? .afterSeparator : attributionDepth > 0 ? .attribution : .body
        output.preformatted = preDepth > 0
    }

    private mutating func start(_ name: String, _ attributes: [HTMLAttribute]) {
        for entry in open.closeImplied(by: name) { leave(entry.name, entry.frame) }
        if HTMLElements.void.contains(name) {
            startVoid(name, attributes)
            return
        }
        var frame = Frame()
        let structure = MailStructure(name: name, attributes: attributes)
        if HTMLElements.hidden.contains(name) || structure.isHidden {
            frame.hidden = true
            hiddenDepth += 1
        }
        guard hiddenDepth == 0 else {
            open.push(name, frame)
            return
        }
        if HTMLElements.block.contains(name) { output.requestBreak(breakKind(name)) }
        if structure.isSeparator { startSeparator() }
        if structure.isQuote {
            output.requestBreak(2)
            frame.quote = true
            quoteDepth += 1
        }
        if structure.isAttribution {
            output.requestBreak(1)
            frame.attribution = true
            attributionDepth += 1
        }
        if structure.isSignature, quoteDepth == 0, !afterSeparator { markSignature() }
        switch name {
        case "pre", "xmp", "plaintext", "listing", "textarea":
            frame.pre = true
            preDepth += 1
            skipLeadingNewline = true
        case "ul", "ol":
            let first = Int(attributes["start"]?.trimmingSpaces ?? "") ?? 1
            frame.list = true
            lists.append(name == "ul" ? .bullet : .numbered(next: first))
        case "li":
            startListItem()
        case "td", "th":
            if output.hasContent { output.cellSeparator = true }
        case "a":
            frame.link = attributes["href"]?.trimmingSpaces ?? ""
            linkTexts.append("")
        default:
            break
        }
        open.push(name, frame)
        updateContext()
    }

    private mutating func startVoid(_ name: String, _ attributes: [HTMLAttribute]) {
        guard hiddenDepth == 0 else { return }
        switch name {
        case "br":
            output.hardBreak()
        case "hr":
            output.requestBreak(1)
            if MailStructure(name: name, attributes: attributes).isSeparator { startSeparator() }
        case "img":
            if let alt = attributes["alt"]?.trimmingSpaces, !alt.isEmpty { write(alt) }
        default:
            break
        }
    }

    private mutating func leave(_ name: String, _ frame: Frame) {
        if frame.hidden {
            hiddenDepth -= 1
            return
        }
        guard hiddenDepth == 0 else { return }
        if let href = frame.link { endLink(href) }
        if frame.list { lists.removeLast() }
        if name == "li" { output.marker = nil }
        if frame.pre { preDepth -= 1 }
        if HTMLElements.block.contains(name) { output.requestBreak(breakKind(name)) }
        // Lines keep the depth and role they started with, so the next text simply starts a new line.
        if frame.quote {
            output.requestBreak(2)
            quoteDepth -= 1
        }
        if frame.attribution {
            output.requestBreak(1)
            attributionDepth -= 1
        }
        updateContext()
    }

    /// A blank line around paragraphs and outer lists, a line break around other blocks.
    private func breakKind(_ name: String) -> Int {
        // Called before a list is pushed and after it is popped, so any list left open is an outer one.
        let nestedList = (name == "ul" || name == "ol") && !lists.isEmpty
        return HTMLElements.paragraph.contains(name) && !nestedList ? 2 : 1
    }

    /// Everything after an Outlook separator is the quoted message, wherever the HTML puts it.
    private mutating func startSeparator() {
        guard quoteDepth == 0, !afterSeparator else { return }
        output.requestBreak(1)
        output.flushBreaks()
        afterSeparator = true
        updateContext()
    }

    private mutating func startListItem() {
        output.requestBreak(1)
        // Deeper than ten levels, indentation stops growing: it would only push the text off the screen.
        let indent = String(repeating: "  ", count: min(max(lists.count - 1, 0), 10))
        guard let kind = lists.last else {
            output.marker = "- "
            return
        }
        switch kind {
        case .bullet:
            output.marker = indent + "- "
        case .numbered(let next):
            output.marker = indent + "\(next). "
            lists[lists.count - 1] = .numbered(next: next + 1)
        }
    }

    private mutating func endLink(_ href: String) {
        let shown = (linkTexts.popLast() ?? "").trimmingSpaces
        guard !shown.isEmpty, let address = LinkAddress(href), !address.isShown(by: shown) else { return }
        write(" (" + address.text + ")")
    }

    /// A signature element starts: a `-- ` line stands for it unless the mail already has one.
    private mutating func markSignature() {
        output.requestBreak(1)
        output.flushBreaks()
        if output.lines.last(where: { !$0.text.trimmingSpaces.isEmpty })?.text.trimmingSpaces == "--" { return }
        output.append(RenderedLine(text: "-- ", depth: 0, role: .signatureMark))
    }
}

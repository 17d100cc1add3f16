/// Collects text into ``RenderedLine``s with a browser's whitespace rules: runs of spaces and newlines
/// collapse to one space, spaces at a line's start vanish, `&nbsp;` is a space that does not collapse, and
/// breaks asked for by blocks are merged (a paragraph end followed by a block start is one blank line).
struct RenderedLineBuilder {
    /// Quote depth and role for the lines started from now on.
    var depth = 0
    var role = RenderedLine.Role.body
    /// Inside `<pre>`: whitespace and newlines are kept.
    var preformatted = false
    /// A list marker (`- `, `2. `) to put before the next text.
    var marker: String?
    /// Put ` | ` before the next text if it lands on a line that already has text (the next table cell).
    var cellSeparator = false

    private(set) var lines: [RenderedLine] = []
    private var current = ""
    private var lineOpen = false
    private var lineHasContent = false
    private var lineDepth = 0
    private var lineRole = RenderedLine.Role.body
    private var pendingSpace = false
    private var pendingBreak = 0

    /// Whether the line being written has text on it.
    var hasContent: Bool { lineHasContent && pendingBreak == 0 }

    mutating func write(_ text: String) {
        for scalar in text.unicodeScalars {
            if preformatted {
                if scalar == "\n" { hardBreak() } else { emit(scalar) }
                continue
            }
            switch scalar {
            case " ", "\t", "\n", "\r", "\u{0C}": pendingSpace = true
            // A soft hyphen is invisible unless the browser breaks the word there.
            case "\u{AD}": continue
            case "\u{A0}": emit(" ")
            default: emit(scalar)
            }
        }
    }

    /// Ends the line at the next text: `1` for a line break, `2` for a blank line.
    mutating func requestBreak(_ kind: Int) {
        pendingBreak = max(pendingBreak, kind)
        pendingSpace = false
    }

    /// Carries out a requested break now rather than at the next text.
    mutating func flushBreaks() {
        let kind = pendingBreak
        pendingBreak = 0
        if lineOpen { finishLine() }
        // A list item's marker goes right under the previous item, even when the item starts with a paragraph.
        if kind >= 2, marker == nil, let last = lines.last, !last.text.isEmpty {
            lines.append(RenderedLine(text: "", depth: min(last.depth, depth), role: role))
        }
    }

    /// `<br>`: ends the line even when it is empty.
    mutating func hardBreak() {
        if pendingBreak > 0 { flushBreaks() }
        if lineOpen {
            finishLine()
        } else {
            lines.append(RenderedLine(text: "", depth: depth, role: role))
        }
        pendingSpace = false
    }

    /// Adds a whole line after the current one.
    mutating func append(_ line: RenderedLine) {
        flushBreaks()
        if lineOpen { finishLine() }
        lines.append(line)
    }

    /// The lines with trailing spaces removed, at most one blank line in a row, none first or last.
    mutating func finish() -> [RenderedLine] {
        flushBreaks()
        var tidied: [RenderedLine] = []
        tidied.reserveCapacity(lines.count)
        for var line in lines {
            line.text = line.text.trimmingTrailingSpaces
            if line.text.isEmpty {
                guard let last = tidied.last else { continue }
                if last.text.isEmpty {
                    tidied[tidied.count - 1].depth = min(last.depth, line.depth)
                    continue
                }
            }
            tidied.append(line)
        }
        while tidied.last?.text.isEmpty == true { tidied.removeLast() }
        return tidied
    }

    private mutating func emit(_ scalar: Unicode.Scalar) {
        if pendingBreak > 0 { flushBreaks() }
        if !lineOpen {
            lineOpen = true
            lineDepth = depth
            lineRole = role
            if let marker {
                current = marker
                self.marker = nil
            }
        }
        if cellSeparator {
            if lineHasContent { current += " | " }
            cellSeparator = false
            pendingSpace = false
        }
        if pendingSpace, lineHasContent { current.unicodeScalars.append(" ") }
        pendingSpace = false
        current.unicodeScalars.append(scalar)
        lineHasContent = true
    }

    private mutating func finishLine() {
        lines.append(RenderedLine(text: current, depth: lineDepth, role: lineRole))
        current = ""
        lineOpen = false
        lineHasContent = false
        cellSeparator = false
    }
}

extension StringProtocol {
    /// Without leading and trailing whitespace and newlines (including no-break and other Unicode spaces).
    var trimmingSpaces: String {
        let string = String(self)
        let scalars = string.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(string.unicodeScalars[first...last])
    }

    /// Without trailing whitespace.
    var trimmingTrailingSpaces: String {
        let string = String(self)
        guard let last = string.unicodeScalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(string.unicodeScalars[...last])
    }
}

/// Splits the lines of a reply into new text, quoted history and signature.
///
/// Quoted lines are dropped wherever they are, so interleaved and bottom-posted replies keep every answer.
/// A quote header is dropped with the quote below it; when what follows a header, an Outlook block or a
/// forward separator is not quoted line by line, everything from there on is history, provided the customer
/// wrote something above it. With nothing above, a forward is content and is kept whole.
struct ReplySplitter {
    private let lines: [RenderedLine]
    private let kinds: [ReplyLineKind]
    private var kept: [Int] = []
    private var removed: [Int] = []
    private var wroteSomething = false
    private var inSignature = false

    private init(_ lines: [RenderedLine]) {
        self.lines = lines
        self.kinds = ReplyLineKind.classify(lines)
    }

    /// The parts of the reply made of `lines`.
    static func split(_ lines: [RenderedLine]) -> CleanReply {
        var splitter = ReplySplitter(lines)
        return splitter.run()
    }

    private mutating func run() -> CleanReply {
        var index = 0
        while index < lines.count {
            switch kinds[index] {
            case .quote:
                removed.append(index)
                index += 1
            case .attribution:
                var end = index
                while end < lines.count, kinds[end] == .attribution { end += 1 }
                var next = end
                while next < lines.count, kinds[next] == .blank { next += 1 }
                if next == lines.count || kinds[next] == .quote {
                    removed += index..<next
                    end = next
                } else if wroteSomething {
                    return cut(at: index)
                } else {
                    for line in index..<end { keep(line) }
                }
                index = end
            case .separator, .forward:
                return wroteSomething ? cut(at: index) : keepAll(from: index)
            case .blank, .body, .signatureMark:
                keep(index)
                index += 1
            }
        }
        return finish(cutFrom: lines.count)
    }

    private mutating func keep(_ index: Int) {
        kept.append(index)
        let text = lines[index].text
        if kinds[index] == .signatureMark || text.trimmingSpaces == "--" {
            inSignature = true
        } else if !inSignature, kinds[index] != .blank, !SignatureCut.isMobileFooter(text) {
            wroteSomething = true
        }
    }

    private func cut(at index: Int) -> CleanReply {
        finish(cutFrom: index)
    }

    /// A forward (or a quoted message) with nothing written above it: all of it is the content.
    private func keepAll(from index: Int) -> CleanReply {
        let signature = kept.map { lines[$0].text }.filter { $0.trimmingSpaces != "--" }.joined(separator: "\n").trimmingSpaces
        let text = lines[index...].map(\.display)
        return CleanReply(text: Self.join(text), quoted: nil, signature: signature.isEmpty ? nil : signature)
    }

    private func finish(cutFrom cut: Int) -> CleanReply {
        let quotedLines = removed + Array(cut..<lines.count)
        let quoted = Self.join(quotedLines.map { lines[$0].display })
        let keptLines = kept.map { SignatureCut.Line(text: lines[$0].text, isMark: kinds[$0] == .signatureMark) }
        let signatureStart = SignatureCut.start(in: keptLines) ?? kept.count
        var textLines: [String] = []
        var previous = -1
        for index in kept[..<signatureStart] {
            let text = lines[index].text.trimmingTrailingSpaces
            // Where a quote was removed, one blank line separates the answers around it; the customer's own
            // blank lines stay as written.
            let afterGap = previous >= 0 && index != previous + 1
            if text.isEmpty, textLines.last?.isEmpty == true, afterGap { continue }
            if !text.isEmpty, textLines.last?.isEmpty == false, afterGap { textLines.append("") }
            textLines.append(text)
            previous = index
        }
        let text = Self.join(textLines)
        guard !text.isEmpty else {
            return CleanReply(text: Self.join(lines.map(\.display)))
        }
        var signatureLines = kept[signatureStart...].map { lines[$0].text }
        if let first = signatureLines.first, first.trimmingSpaces == "--" { signatureLines.removeFirst() }
        while signatureLines.first?.trimmingSpaces.isEmpty == true { signatureLines.removeFirst() }
        if let first = signatureLines.first, first.trimmingSpaces == "--" { signatureLines.removeFirst() }
        let signature = Self.join(signatureLines)
        return CleanReply(text: text, quoted: quoted.isEmpty ? nil : quoted, signature: signature.isEmpty ? nil : signature)
    }

    /// Lines joined with `\n`, trailing spaces removed from each, blank lines at either end dropped.
    private static func join(_ lines: [String]) -> String {
        lines.map(\.trimmingTrailingSpaces).joined(separator: "\n").trimmingSpaces
    }
}

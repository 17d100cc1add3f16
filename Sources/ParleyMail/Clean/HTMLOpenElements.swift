/// The stack of open elements, with the few implied end tags that matter for mail (`<p>` closed by a block,
/// `<li>` by the next `<li>`, table cells by the next cell or row). Each frame is pushed and popped once and
/// lookups are bounded, so a document of any shape is handled in linear time.
struct HTMLOpenElements<Frame> {
    typealias Entry = (name: String, frame: Frame)

    private(set) var frames: [Entry] = []
    private var counts: [String: Int] = [:]
    /// How far down the stack implied end tags look; deeper matches are left open (still closed by their end tag).
    private let searchLimit = 64

    /// Whether an element called `name` is open.
    func isOpen(_ name: String) -> Bool { counts[name, default: 0] > 0 }

    mutating func push(_ name: String, _ frame: Frame) {
        frames.append((name, frame))
        counts[name, default: 0] += 1
    }

    /// Closes what a start tag `name` implicitly ends; returns the frames removed, innermost first.
    mutating func closeImplied(by name: String) -> [Entry] {
        var closed: [Entry] = []
        if HTMLElements.closesParagraph.contains(name), innermost(of: HTMLElements.paragraphScope) == "p" {
            closed += close("p")
        }
        switch name {
        case "li":
            if innermost(of: HTMLElements.listScope) == "li" { closed += close("li") }
        case "dt", "dd":
            if let open = innermost(of: HTMLElements.definitionScope), open != "dl" { closed += close(open) }
        case "td", "th":
            if let open = innermost(of: HTMLElements.tableScope), open == "td" || open == "th" { closed += close(open) }
        case "tr":
            if let open = innermost(of: HTMLElements.tableScope), open != "table" { closed += close("tr") }
        default:
            break
        }
        return closed
    }

    /// Pops up to and including the innermost open `name` and returns the frames removed, innermost first;
    /// removes nothing when no such element is open.
    mutating func close(_ name: String) -> [Entry] {
        guard isOpen(name) else { return [] }
        var closed: [Entry] = []
        while let last = frames.popLast() {
            counts[last.name, default: 1] -= 1
            closed.append(last)
            if last.name == name { break }
        }
        return closed
    }

    /// Pops everything, innermost first.
    mutating func closeAll() -> [Entry] {
        counts = [:]
        defer { frames = [] }
        return frames.reversed()
    }

    private func innermost(of names: Set<String>) -> String? {
        var index = frames.count - 1
        let stop = max(frames.count - searchLimit, 0)
        while index >= stop {
            if names.contains(frames[index].name) { return frames[index].name }
            index -= 1
        }
        return nil
    }

}

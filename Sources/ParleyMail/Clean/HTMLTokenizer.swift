/// A tolerant HTML tokenizer after the HTML5 tokenizer's main states: tags with quoted, unquoted and
/// valueless attributes, character references, comments, raw text elements, and `<` in text. It reads any
/// input without failing, each byte a bounded number of times, so time is linear in the input.
///
/// ```swift
/// var tokenizer = HTMLTokenizer("<p class=x>Fish &amp; chips")
/// while let token = tokenizer.next() { print(token) }
/// ```
struct HTMLTokenizer: IteratorProtocol {
    private let bytes: [UInt8]
    private var index = 0
    /// Set after a start tag whose contents are not markup (`script`, `style`, `textarea`…).
    private var rawTextEnd: (name: [UInt8], decodes: Bool)?

    /// Elements whose contents the tokenizer reads as text up to their end tag, and whether it decodes references in them.
    static let rawTextElements: [String: Bool] = [
        "script": false, "style": false, "xmp": false, "iframe": false, "noembed": false, "noframes": false,
        "textarea": true, "title": true,
    ]

    init(_ html: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(html.utf8.count)
        var previousWasCR = false
        // HTML5 preprocessing: CR LF and lone CR become LF; NUL is dropped rather than replaced so `<scr\0ipt>`
        // is a script element that gets removed, never a name a browser might read differently.
        for byte in html.utf8 {
            switch byte {
            case 0: continue
            case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\n"))
            case UInt8(ascii: "\n") where previousWasCR: break
            default: bytes.append(byte)
            }
            previousWasCR = byte == UInt8(ascii: "\r")
        }
        self.bytes = bytes
    }

    mutating func next() -> HTMLToken? {
        guard index < bytes.count else { return nil }
        if let raw = rawTextEnd {
            rawTextEnd = nil
            let end = findEndTag(raw.name, from: index)
            defer { index = end }
            if end > index {
                let slice = bytes[index..<end]
                return .text(raw.decodes ? HTMLEntities.decode(slice) : String(decoding: slice, as: UTF8.self))
            }
        }
        if index >= bytes.count { return nil }
        if bytes[index] == UInt8(ascii: "<"), let token = markup() { return token }
        return text()
    }

    /// Text up to the next `<` that could open markup.
    private mutating func text() -> HTMLToken {
        let start = index
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
        return .text(HTMLEntities.decode(bytes[start..<index]))
    }

    /// The markup at `<`, or nil when the `<` is plain text (`a < b`).
    private mutating func markup() -> HTMLToken? {
        let start = index
        guard start + 1 < bytes.count else { return nil }
        let next = bytes[start + 1]
        if next == UInt8(ascii: "!") {
            if matches("<!--", at: start) { return comment(from: start + 4) }
            return bogusComment(from: start + 2)
        }
        if next == UInt8(ascii: "?") { return bogusComment(from: start + 1) }
        if next == UInt8(ascii: "/") {
            guard start + 2 < bytes.count else { return nil }
            if Self.isLetter(bytes[start + 2]) { return tag(from: start + 2, isEnd: true) }
            if bytes[start + 2] == UInt8(ascii: ">") {
                index = start + 3
                return .ignorable
            }
            return bogusComment(from: start + 2)
        }
        if Self.isLetter(next) { return tag(from: start + 1, isEnd: false) }
        return nil
    }

    private mutating func comment(from start: Int) -> HTMLToken {
        // `<!-->` and `<!--->` are complete (empty) comments.
        if matches(">", at: start) {
            index = start + 1
            return .ignorable
        }
        if matches("->", at: start) {
            index = start + 2
            return .ignorable
        }
        var cursor = start
        while cursor < bytes.count {
            if bytes[cursor] == UInt8(ascii: "-"), matches("-->", at: cursor) {
                index = cursor + 3
                return .ignorable
            }
            if bytes[cursor] == UInt8(ascii: "-"), matches("--!>", at: cursor) {
                index = cursor + 4
                return .ignorable
            }
            cursor += 1
        }
        index = bytes.count
        return .ignorable
    }

    private mutating func bogusComment(from start: Int) -> HTMLToken {
        var cursor = start
        while cursor < bytes.count, bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
        index = min(cursor + 1, bytes.count)
        return .ignorable
    }

    private mutating func tag(from nameStart: Int, isEnd: Bool) -> HTMLToken {
        var cursor = nameStart
        while cursor < bytes.count, !Self.endsName(bytes[cursor]) { cursor += 1 }
        let name = Self.lowercased(bytes[nameStart..<cursor])
        var attributes: [HTMLAttribute] = []
        var selfClosing = false
        while true {
            while cursor < bytes.count, Self.isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") {
                selfClosing = bytes[cursor] == UInt8(ascii: "/")
                cursor += 1
            }
            // A tag cut off by the end of input is dropped, as browsers do.
            guard cursor < bytes.count else {
                index = bytes.count
                return .ignorable
            }
            if bytes[cursor] == UInt8(ascii: ">") {
                cursor += 1
                break
            }
            selfClosing = false
            let attributeStart = cursor
            cursor += 1  // The first character may be `=`.
            while cursor < bytes.count, !Self.endsAttributeName(bytes[cursor]) { cursor += 1 }
            let attributeName = Self.lowercased(bytes[attributeStart..<cursor])
            var afterName = cursor
            while afterName < bytes.count, Self.isSpace(bytes[afterName]) { afterName += 1 }
            var value = ""
            if afterName < bytes.count, bytes[afterName] == UInt8(ascii: "=") {
                cursor = afterName + 1
                while cursor < bytes.count, Self.isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < bytes.count else { continue }
                let quote = bytes[cursor]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    let valueStart = cursor + 1
                    cursor = valueStart
                    while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                    guard cursor < bytes.count else { continue }
                    value = HTMLEntities.decode(bytes[valueStart..<cursor], inAttribute: true)
                    cursor += 1
                } else {
                    let valueStart = cursor
                    while cursor < bytes.count, !Self.isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    value = HTMLEntities.decode(bytes[valueStart..<cursor], inAttribute: true)
                }
            }
            if !isEnd { attributes.append(HTMLAttribute(name: attributeName, value: value)) }
        }
        index = cursor
        if isEnd { return .endTag(name: name) }
        if let decodes = Self.rawTextElements[name] { rawTextEnd = (Array(name.utf8), decodes) }
        if name == "plaintext" { rawTextEnd = ([], false) }
        return .startTag(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// Where the raw text of an element called `name` ends: at `</name` followed by a space, `/` or `>`.
    private func findEndTag(_ name: [UInt8], from start: Int) -> Int {
        // `<plaintext>` never ends.
        guard !name.isEmpty else { return bytes.count }
        var cursor = start
        while cursor + 2 + name.count <= bytes.count {
            if bytes[cursor] == UInt8(ascii: "<"), bytes[cursor + 1] == UInt8(ascii: "/") {
                var same = true
                for offset in 0..<name.count where bytes[cursor + 2 + offset] | 0x20 != name[offset] {
                    same = false
                    break
                }
                let after = cursor + 2 + name.count
                if same, after >= bytes.count || Self.endsName(bytes[after]) { return cursor }
            }
            cursor += 1
        }
        return bytes.count
    }

    private func matches(_ literal: StaticString, at position: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for offset in 0..<count where bytes[position + offset] != buffer[offset] { return false }
            return true
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ">")
    }

    private static func endsAttributeName(_ byte: UInt8) -> Bool {
        endsName(byte) || byte == UInt8(ascii: "=")
    }

    private static func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// Mailboxes from an address header as real mail writes them: quoted and encoded display names, comments,
/// groups, bare addresses, names without angle brackets.
enum AddressList {
    private enum Token {
        case atom(String)
        case quoted(String)
        case comment(String)
        case angle(String)
        case comma, colon, semicolon
    }

    private static let maximumAddresses = 1_000

    static func parse(_ raw: String, log: inout DefectLog) -> [EmailAddress] {
        var addresses: [EmailAddress] = []
        var current: [Token] = []
        for token in tokenize(raw) {
            guard addresses.count < maximumAddresses else {
                log.add(.invalidAddress, "more than \(maximumAddresses) addresses in one field")
                return addresses
            }
            switch token {
            case .comma, .semicolon:
                if let address = mailbox(current, log: &log) { addresses.append(address) }
                current = []
            case .colon where !current.contains(where: { if case .angle = $0 { true } else { false } }):
                current = []  // a group's name: "Undisclosed recipients:;"
            default:
                current.append(token)
            }
        }
        if let address = mailbox(current, log: &log) { addresses.append(address) }
        return addresses
    }

    private static func mailbox(_ tokens: [Token], log: inout DefectLog) -> EmailAddress? {
        guard !tokens.isEmpty else { return nil }
        var phrase: [String] = []
        var comments: [String] = []
        var spec: String?
        var specWords: [String] = []
        for token in tokens {
            switch token {
            case .atom(let text):
                if spec == nil { phrase.append(text) }
                specWords.append(text)
            case .quoted(let text):
                if spec == nil { phrase.append(text) }
                specWords.append("\"" + text + "\"")
            case .comment(let text): comments.append(text)
            case .angle(let text): if spec == nil { spec = text }
            default: break
            }
        }
        var name = phrase
        if spec == nil {
            // No angle brackets: "a@b", "a@b (Name)", or "Name a@b" from sloppy software.
            let withAt = specWords.indices.filter { specWords[$0].contains("@") && !specWords[$0].hasPrefix("@") }
            if withAt.count == 1, specWords.count > 1, let at = withAt.first {
                spec = specWords[at]
                name.remove(at: at)
            } else {
                spec = specWords.joined()
                name = []
            }
        }
        var display = Bytes.collapsedWhitespace(EncodedWord.decode(name.joined(separator: " "), log: &log))
        if display.isEmpty, let comment = comments.first {
            display = Bytes.collapsedWhitespace(EncodedWord.decode(comment, log: &log))
        }
        guard let spec, let address = address(from: spec) else {
            let text = tokens.map { "\($0)" }.joined(separator: " ")
            if !specWords.isEmpty || spec != nil { log.add(.invalidAddress, text) }
            return nil
        }
        return address.named(display.isEmpty ? nil : display)
    }

    private static func address(from spec: String) -> EmailAddress? {
        var text = String(String.UnicodeScalarView(spec.unicodeScalars.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }))
        if text.utf8.count >= 7, text.utf8.prefix(7).map({ $0 | 0x20 }).elementsEqual("mailto:".utf8) { text = String(text.dropFirst(7)) }
        // An obsolete source route: <@relay.example:user@example.com>.
        if text.hasPrefix("@"), let colon = text.firstIndex(of: ":") { text = String(text[text.index(after: colon)...]) }
        while text.hasSuffix(".") { text.removeLast() }
        if let address = try? EmailAddress(parsing: text) { return address }
        // Some carriers hand out local parts RFC 5322 only allows quoted ("taro..yamada@docomo.ne.jp").
        guard let at = text.lastIndex(of: "@"), !text.contains("\"") else { return nil }
        return try? EmailAddress(parsing: "\"" + text[..<at] + "\"" + text[at...])
    }

    private static func tokenize(_ raw: String) -> [Token] {
        let scalars = Array(raw.unicodeScalars)
        var tokens: [Token] = []
        var atom = String.UnicodeScalarView()
        var index = 0
        func flushAtom() {
            if !atom.isEmpty { tokens.append(.atom(String(atom))) }
            atom = String.UnicodeScalarView()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"":
                flushAtom()
                var content = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    content.append(scalars[index])
                    index += 1
                }
                tokens.append(.quoted(String(content)))
            case "(":
                flushAtom()
                var depth = 0
                var content = String.UnicodeScalarView()
                while index < scalars.count {
                    let inner = scalars[index]
                    if inner == "\\", index + 1 < scalars.count {
                        index += 1
                        content.append(scalars[index])
                    } else if inner == "(" {
                        if depth > 0 { content.append(inner) }
                        depth += 1
                    } else if inner == ")" {
                        depth -= 1
                        if depth == 0 { break }
                        content.append(inner)
                    } else {
                        content.append(inner)
                    }
                    index += 1
                }
                tokens.append(.comment(String(content)))
            case "<":
                flushAtom()
                var content = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != ">" {
                    content.append(scalars[index])
                    index += 1
                }
                tokens.append(.angle(String(content)))
            case ",", ";", ":":
                flushAtom()
                tokens.append(scalar == "," ? .comma : scalar == ";" ? .semicolon : .colon)
            default:
                if scalar.isWhitespace { flushAtom() } else { atom.append(scalar) }
            }
            index += 1
        }
        flushAtom()
        return tokens
    }
}

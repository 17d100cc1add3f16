/// The argument of `MAIL` or `RCPT`: `FROM:<zofia@example.pl> SIZE=1234 BODY=8BITMIME`.
///
/// Lenient where real clients are sloppy and it costs nothing (a space after the colon, a path
/// without angle brackets, a source route, which RFC 5321 §4.1.1.3 says to ignore), strict where
/// an address could smuggle something into a header or a log.
struct SMTPPathArgument: Equatable {
    struct Parameter: Equatable {
        /// Upper-cased: `SIZE`, `BODY`, `SMTPUTF8`.
        var keyword: String
        var value: String?
    }

    /// The path without `< >` and without a source route; `""` for the null path `<>`.
    var address: String
    var parameters: [Parameter]

    /// RFC 5321 §4.5.3.1.3: a path is at most 256 octets, brackets included.
    static let maxPathLength = 254

    /// Parses `argument` after the keyword `prefix` (`FROM:` or `TO:`); nil when it is not that shape.
    init?(parsing argument: String, prefix: String) {
        guard argument.uppercased().hasPrefix(prefix) else { return nil }
        var rest = Substring(argument.dropFirst(prefix.count))
        rest = rest.drop { $0 == " " }
        var address: Substring
        if rest.first == "<" {
            guard let close = Self.closingBracket(in: rest) else { return nil }
            address = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
        } else {
            address = rest.prefix { $0 != " " }
            rest = rest[address.endIndex...]
            guard !address.isEmpty else { return nil }
        }
        if address.first == "@" {
            guard let colon = address.firstIndex(of: ":") else { return nil }
            address = address[address.index(after: colon)...]
        }
        guard rest.isEmpty || rest.first == " " else { return nil }
        guard address.utf8.count <= Self.maxPathLength, Self.isWellFormed(address) else { return nil }
        self.address = String(address)
        parameters = rest.split(separator: " ").map { word in
            let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return Parameter(keyword: parts[0].uppercased(), value: parts.count > 1 ? String(parts[1]) : nil)
        }
    }

    /// Whether the address has a character beyond ASCII, which needs `SMTPUTF8` (RFC 6531 §3.5).
    var isInternationalized: Bool { address.utf8.contains { $0 >= 0x80 } }

    /// The `>` that ends the path, skipping any inside a quoted local part (`<"a>b"@example.pl>`).
    private static func closingBracket(in text: Substring) -> Substring.Index? {
        var quoted = false
        var escaped = false
        for index in text.indices.dropFirst() {
            let character = text[index]
            if escaped {
                escaped = false
            } else if quoted && character == "\\" {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ">" && !quoted {
                return index
            }
        }
        return nil
    }

    /// Empty (the null path), a bare local part (`postmaster`) or `local@domain`; no control
    /// characters anywhere, no spaces or angle brackets outside a quoted local part.
    private static func isWellFormed(_ address: Substring) -> Bool {
        guard !address.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return false }
        let at = address.lastIndex(of: "@")
        let unquoted = address.first == "\"" ? at.map { address[$0...] } ?? "" : address
        guard !unquoted.contains(where: { $0 == " " || $0 == "<" || $0 == ">" }) else { return false }
        guard let at else { return true }
        return at != address.startIndex && address.index(after: at) != address.endIndex
    }
}

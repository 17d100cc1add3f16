/// `application/x-www-form-urlencoded`: Twilio's request and callback bodies, Kannel's query strings.
enum FormEncoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0) + "=" + escape($1) }.joined(separator: "&")
    }

    /// `url` with `fields` added to its query.
    static func appending(_ fields: [(String, String)], to url: String) -> String {
        url + (url.contains("?") ? "&" : "?") + encode(fields)
    }

    /// Every byte outside the unreserved set percent-encoded, so the text survives any query or form parser.
    static func escape(_ text: String) -> String {
        String(decoding: text.utf8.flatMap { unreserved.contains($0) ? [$0] : Hex.percentEscape($0) }, as: UTF8.self)
    }

    /// The fields in order, values as UTF-8 text (`+` is a space).
    static func decode(_ encoded: some Collection<UInt8>) -> [(name: String, value: String)] {
        decodeBytes(encoded).map { ($0.name, String(decoding: $0.value, as: UTF8.self)) }
    }

    /// The fields in order with their values' raw bytes, for a sender whose text is not UTF-8 (Kannel's UTF-16BE).
    static func decodeBytes(_ encoded: some Collection<UInt8>) -> [(name: String, value: [UInt8])] {
        encoded.split(separator: UInt8(ascii: "&")).map { pair in
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            return (String(decoding: unescape(parts[0]), as: UTF8.self), parts.count > 1 ? unescape(parts[1]) : [])
        }
    }

    private static func unescape(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        var rest = bytes[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "+") {
                result.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), rest.count >= 2,
                let escaped = Hex.byte(high: rest[rest.startIndex], low: rest[rest.index(after: rest.startIndex)])
            {
                result.append(escaped)
                rest = rest.dropFirst(2)
            } else {
                // A stray `%` stays as written, as browsers and PHP keep it.
                result.append(byte)
            }
        }
        return result
    }
}

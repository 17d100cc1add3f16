extension EncodedWord {
    /// Header text with its RFC 2047 encoded words decoded; anything malformed stays as it was.
    ///
    /// Adjacent words separated only by whitespace join without it, and the bytes of adjacent words in one
    /// charset are decoded together, so a character split between two words survives.
    ///
    /// ```swift
    /// EncodedWord.decode("=?UTF-8?Q?Zam=C3=B3wienie?= #1001")  // "Zamówienie #1001"
    /// ```
    public static func decode(_ text: String) -> String {
        var log = DefectLog()
        return decode(text, log: &log)
    }

    private enum Segment {
        case literal([UInt8])
        case word(charset: String, bytes: [UInt8])
    }

    static func decode(_ text: String, log: inout DefectLog) -> String {
        guard text.mayHoldEncodedWords else { return text }
        let bytes = Array(text.utf8)
        var segments: [Segment] = []
        var literal: [UInt8] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?") else {
                literal.append(bytes[index])
                index += 1
                continue
            }
            switch match(bytes, at: index) {
            case .word(let charset, let encoding, let payload, let next):
                if let decoded = decodePayload(bytes[payload], encoding: encoding) {
                    // Whitespace between two encoded words is folding, not text.
                    if case .word = segments.last, literal.allSatisfy(Bytes.isWhitespace) { literal = [] }
                    if !literal.isEmpty { segments.append(.literal(literal)) }
                    literal = []
                    segments.append(.word(charset: charset, bytes: decoded))
                } else {
                    log.add(.invalidEncodedWord, String(decoding: bytes[index..<next], as: UTF8.self))
                    literal.append(contentsOf: bytes[index..<next])
                }
                index = next
            case .unterminated(let stop):
                // No later "=?" before `stop` can end either, so skip the whole run at once.
                literal.append(contentsOf: bytes[index..<stop])
                index = stop
            case .none:
                literal.append(bytes[index])
                index += 1
            }
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return render(segments, log: &log)
    }

    private static func render(_ segments: [Segment], log: inout DefectLog) -> String {
        var result = ""
        var pendingCharset: String?
        var pending: [UInt8] = []
        func flush() {
            guard let charset = pendingCharset else { return }
            let decoded = Charset.decodeDetailed(pending, label: charset)
            if !decoded.isKnown { log.add(.unknownCharset, "encoded word in \(charset)") }
            if decoded.hadInvalidBytes { log.add(.invalidCharacters, "encoded word in \(charset)") }
            result += decoded.text
            pendingCharset = nil
            pending = []
        }
        for segment in segments {
            switch segment {
            case .literal(let bytes):
                flush()
                result += String(decoding: bytes, as: UTF8.self)
            case .word(let charset, let bytes):
                if let current = pendingCharset, current != charset { flush() }
                pendingCharset = charset
                pending += bytes
            }
        }
        flush()
        return result
    }

    private enum Match {
        case word(charset: String, encoding: UInt8, payload: Range<Int>, next: Int)
        case unterminated(stop: Int)
        case none
    }

    /// `=?charset[*lang]?B|Q?text?=` at `start`.
    private static func match(_ bytes: [UInt8], at start: Int) -> Match {
        var index = start + 2
        while index < bytes.count, index - start < 70, bytes[index] != UInt8(ascii: "?"), !Bytes.isWhitespace(bytes[index]) { index += 1 }
        guard index > start + 2, index + 2 < bytes.count, bytes[index] == UInt8(ascii: "?"), bytes[index + 2] == UInt8(ascii: "?") else {
            return .none
        }
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return .none }
        var label = String(decoding: bytes[(start + 2)..<index], as: UTF8.self).lowercased()
        if let star = label.firstIndex(of: "*") { label = String(label[..<star]) }  // RFC 2231 language: =?utf-8*pl?Q?…?=
        let payloadStart = index + 3
        var end = payloadStart
        while end < bytes.count {
            if bytes[end] == UInt8(ascii: "?"), end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "=") {
                return label.isEmpty ? .none : .word(charset: label, encoding: encoding, payload: payloadStart..<end, next: end + 2)
            }
            if Bytes.isWhitespace(bytes[end]) { break }
            end += 1
        }
        return .unterminated(stop: end)
    }

    private static func decodePayload(_ payload: ArraySlice<UInt8>, encoding: UInt8) -> [UInt8]? {
        if encoding == UInt8(ascii: "b") {
            let result = Base64.decode(payload)
            return result.hadJunk ? nil : result.bytes
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.count)
        var index = payload.startIndex
        while index < payload.endIndex {
            let byte = payload[index]
            if byte == UInt8(ascii: "_") {
                bytes.append(Bytes.space)
            } else if byte == UInt8(ascii: "="), index + 2 < payload.endIndex,
                let high = Bytes.hexValue(payload[index + 1]), let low = Bytes.hexValue(payload[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return bytes
    }
}

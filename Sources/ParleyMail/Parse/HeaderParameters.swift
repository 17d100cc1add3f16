import Foundation

/// A header of the form `value; name=value; …` (Content-Type, Content-Disposition), read as real mail
/// writes it: RFC 2231 continuations and charsets, RFC 2047 words inside quotes, missing quotes, spaces
/// around `=`, duplicates, a trailing `;`.
struct HeaderParameters {
    /// The main value, lowercased: `"text/plain"`, `"attachment"`.
    var value: String
    /// Parameter values by lowercased name, fully decoded.
    var parameters: [String: String] = [:]

    subscript(name: String) -> String? { parameters[name] }

    private struct Section {
        var index: Int
        var extended: Bool
        var text: String
    }

    init(_ raw: String, log: inout DefectLog) {
        let scalars = Array(raw.unicodeScalars)
        var index = 0
        var main = String.UnicodeScalarView()
        var commentDepth = 0
        while index < scalars.count, scalars[index] != ";" {
            let scalar = scalars[index]
            if scalar == "(" {
                commentDepth += 1
            } else if scalar == ")" {
                commentDepth = max(0, commentDepth - 1)
            } else if commentDepth == 0,
                !scalar.isWhitespace
            {
                main.append(scalar)
            }
            index += 1
        }
        value = String(main).lowercased()

        var plain: [String: String] = [:]
        var sections: [String: [Section]] = [:]
        var count = 0
        while index < scalars.count {
            count += 1
            guard count <= 1_000 else {
                log.add(.invalidParameter, "more than 1000 parameters")
                break
            }
            while index < scalars.count, scalars[index] == ";" || scalars[index].isWhitespace { index += 1 }
            guard index < scalars.count else { break }
            var name = String.UnicodeScalarView()
            while index < scalars.count, scalars[index] != "=", scalars[index] != ";" {
                name.append(scalars[index])
                index += 1
            }
            let key = String(name).trimmingWhitespace().lowercased()
            guard index < scalars.count, scalars[index] == "=" else {
                if !key.isEmpty { log.add(.invalidParameter, "parameter without a value: \(key)") }
                continue
            }
            index += 1
            while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" { index += 1 }
            let text: String
            var quoted = false
            if index < scalars.count, scalars[index] == "\"" {
                quoted = true
                index += 1
                var content = String.UnicodeScalarView()
                var closed = false
                while index < scalars.count {
                    let scalar = scalars[index]
                    index += 1
                    if scalar == "\\", index < scalars.count {
                        content.append(scalars[index])
                        index += 1
                    } else if scalar == "\"" {
                        closed = true
                        break
                    } else {
                        content.append(scalar)
                    }
                }
                if !closed { log.add(.invalidParameter, "unterminated quotes in \(key)") }
                text = String(content)
                while index < scalars.count, scalars[index] != ";" { index += 1 }
            } else {
                var content = String.UnicodeScalarView()
                while index < scalars.count, scalars[index] != ";" {
                    content.append(scalars[index])
                    index += 1
                }
                var token = String(content)
                // `charset=us-ascii (Plain text)`: a comment after an unquoted value.
                if let comment = token.indices.dropFirst().first(where: { token[$0] == "(" && token[token.index(before: $0)] == " " }) {
                    token = String(token[..<token.index(before: comment)])
                }
                text = token.trimmingWhitespace()
            }
            Self.store(key: key, text: text, quoted: quoted, plain: &plain, sections: &sections, log: &log)
        }
        for (name, parts) in sections { parameters[name] = Self.join(parts, name: name, log: &log) }
        for (name, text) in plain where parameters[name] == nil {
            parameters[name] = text.mayHoldEncodedWords ? EncodedWord.decode(text, log: &log) : text
        }
    }

    private static func store(
        key: String, text: String, quoted: Bool, plain: inout [String: String], sections: inout [String: [Section]], log: inout DefectLog
    ) {
        guard let star = key.firstIndex(of: "*") else {
            if plain[key] != nil {
                log.add(.invalidParameter, "duplicate parameter \(key)")
            } else {
                plain[key] = text
            }
            return
        }
        let name = String(key[..<star])
        let rest = key[key.index(after: star)...]
        let extended = rest.isEmpty || rest.hasSuffix("*")
        let digits = rest.hasSuffix("*") ? rest.dropLast() : rest
        guard digits.count <= 4, let number = digits.isEmpty ? 0 : Int(digits) else {
            log.add(.invalidParameter, "bad RFC 2231 section \(key)")
            return
        }
        guard sections[name, default: []].count < 1_000 else { return }
        if sections[name, default: []].contains(where: { $0.index == number }) {
            log.add(.invalidParameter, "duplicate parameter \(key)")
            return
        }
        sections[name, default: []].append(Section(index: number, extended: extended, text: text))
    }

    /// RFC 2231: sections in order; extended ones percent-encoded in the charset the first names.
    private static func join(_ parts: [Section], name: String, log: inout DefectLog) -> String {
        let ordered = parts.sorted { $0.index < $1.index }
        var charset: String?
        var bytes: [UInt8] = []
        for (position, section) in ordered.enumerated() {
            guard section.extended else {
                bytes += Array(section.text.utf8)
                continue
            }
            var text = Substring(section.text)
            if position == 0 {
                let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3 {
                    charset = pieces[0].isEmpty ? nil : String(pieces[0])
                    text = pieces[2]
                }
            }
            bytes += percentDecoded(text)
        }
        let decoded = Charset.decodeDetailed(bytes, label: charset)
        if !decoded.isKnown { log.add(.unknownCharset, "parameter \(name) in \(charset ?? "")") }
        return decoded.text
    }

    private static func percentDecoded(_ text: Substring) -> [UInt8] {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "%"), index + 2 < input.count,
                let high = Bytes.hexValue(input[index + 1]), let low = Bytes.hexValue(input[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(input[index])
                index += 1
            }
        }
        return output
    }
}

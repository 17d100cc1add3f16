import Foundation

/// Text cut into the words retrieval compares, the same way for articles and questions.
///
/// Compatibility forms are unified (NFKC: "ｚａｍówienie" is "zamówienie"), case is folded, and
/// accents go where leaving them out never merges two different words a customer would mean apart:
/// Polish "zamówienie" and "zamowienie", Greek "παραγγελία" and "ΠΑΡΑΓΓΕΛΙΑ", Russian "ё" and "е"
/// are each one word. Devanagari keeps its vowel signs and virama, which spell the word rather
/// than accent it ("ऑर्डर" stays whole). Digits of any script become ASCII, so "१२३४" is "1234".
///
/// ```swift
/// RetrievalWords.words("Gdzie jest MOJE zamówienie?") // ["gdzie", "jest", "moje", "zamowienie"]
/// ```
public enum RetrievalWords {
    /// The folded words of `text`, in order: runs of letters and digits.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        // UTF-8 bytes, not a String appended to scalar by scalar: several times faster.
        var current: [UInt8] = []
        func append(_ scalar: Unicode.Scalar) { UTF8.encode(scalar) { current.append($0) } }
        let lowered = text.lowercased()
        let decomposed = lowered.utf8.allSatisfy { $0 < 0x80 } ? lowered : lowered.decomposedStringWithCompatibilityMapping
        for scalar in decomposed.unicodeScalars {
            switch kind(scalar) {
            case .letter:
                append(folded(scalar))
            case .digit(let digit):
                append(digit)
            case .devanagariSign:
                append(scalar)
            case .accent:
                continue
            case .separator:
                if !current.isEmpty {
                    words.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    private enum Kind {
        case letter, digit(Unicode.Scalar), devanagariSign, accent, separator
    }

    /// What `scalar` is to a word. The common letters are told by their range, which is several
    /// times faster than asking for Unicode properties: a shop's articles are indexed on demand.
    private static func kind(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x61...0x7A, 0x03B1...0x03C9, 0x0430...0x044F: return .letter
        case 0x30...0x39: return .digit(scalar)
        case 0...0x7F: return .separator
        case 0x0300...0x036F: return .accent
        default: break
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return Script(scalar) == .devanagari ? .devanagariSign : .accent
        case .decimalNumber:
            return .digit(Unicode.Scalar(UInt8(48 + Int(properties.numericValue ?? 0))))
        default:
            return properties.isAlphabetic ? .letter : .separator
        }
    }

    /// `word` (natural spelling, one word) as ``words(_:)`` writes it.
    static func fold(_ word: String) -> String { words(word).joined() }

    private static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar {
        // Ł has no decomposition to strip.
        case "ł": "l"
        // Greek writes sigma differently at the end of a word; the word is the same.
        case "ς": "σ"
        default: scalar
        }
    }
}

import Foundation

/// Text as the inbox search indexes and queries it, the same on SQLite and PostgreSQL: lower case,
/// and without the accents of Latin, Greek and Cyrillic letters ("Zamówienie" and "zamowienie",
/// "παραγγελία" and "ΠΑΡΑΓΓΕΛΙΑ" are one word). Devanagari keeps its vowel signs, which are letters
/// of the word rather than accents.
public enum SearchText {
    /// How much of one document is indexed; a longer message is found by its beginning.
    public static let indexedLength = 20_000
    /// How much of one conversation is indexed, well under PostgreSQL's limit for one `tsvector`;
    /// a conversation longer still is found by its first messages.
    public static let conversationLength = 200_000

    /// The words a phone number is found by: all its digits, and the national number without the
    /// country code, however long that code is (the last 9 and 10 digits).
    public static func phoneWords(_ number: String) -> String {
        let digits = String(number.filter(\.isNumber))
        return Set([digits, String(digits.suffix(9)), String(digits.suffix(10))]).sorted().joined(separator: " ")
    }

    /// `text` folded for the index.
    public static func fold(_ text: String) -> String {
        var folded = ""
        folded.reserveCapacity(min(text.utf8.count, indexedLength))
        for character in text.prefix(indexedLength) {
            // ASCII folds to its lower case, and Foundation's folding of one character costs a
            // microsecond: most of a message's characters, and most of the time of every message filed.
            if character.isASCII {
                for scalar in character.unicodeScalars {
                    folded.unicodeScalars.append(
                        (65...90).contains(scalar.value) ? Unicode.Scalar(UInt8(scalar.value + 32)) : scalar)
                }
                continue
            }
            guard let first = character.unicodeScalars.first else { continue }
            if (0x0900...0x097F).contains(first.value) {
                folded.append(character)
                continue
            }
            // Polish ł and Ł have no decomposition to strip.
            if character == "ł" || character == "Ł" {
                folded.append("l")
                continue
            }
            folded += String(character).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        }
        return folded
    }

    /// The words of a query, folded: runs of letters, digits and marks; at most eight. A query that is
    /// a phone number however written ("601 234 567", "+48-601…") is one word of its digits.
    public static func words(_ query: String) -> [String] {
        let digits = query.filter(\.isASCII).filter(\.isNumber)
        if digits.count >= 6, query.allSatisfy({ $0.isNumber || " +-().".contains($0) }) { return [String(digits)] }
        return Array(tokens(query).prefix(8))
    }

    /// Every word of `text`, folded, in order: what a query's words are compared with.
    public static func tokens(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in fold(text).unicodeScalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark
                || properties.generalCategory == .spacingMark
            {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}

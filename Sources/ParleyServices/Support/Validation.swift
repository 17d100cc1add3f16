import Foundation

/// Checks shared by every use case that accepts locales and time zones.
enum Validation {
    /// A BCP 47 tag of the common shape: `pl`, `pl-PL`, `zh-Hant-TW`.
    static func locale(_ tag: String, field: String) throws(InvalidInput) {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy(\.isASCII),
            language.allSatisfy(\.isLetter),
            parts.dropFirst().allSatisfy({ (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } })
        else { throw InvalidInput(field: field, reason: "\"\(tag)\" is not a language tag such as pl or pl-PL") }
    }

    /// An IANA time zone name: `Europe/Warsaw`.
    static func timeZone(_ name: String, field: String) throws(InvalidInput) {
        guard TimeZone(identifier: name) != nil else {
            throw InvalidInput(field: field, reason: "\"\(name)\" is not an IANA time zone such as Europe/Warsaw")
        }
    }
}

extension Validation {
    /// Lengths a person's input may have: room for any real name, title or letter, none for abuse.
    enum Limit {
        /// Names, titles, subjects, order numbers, consent sources.
        static let line = 200
        /// Identity values (an email address may be 254 bytes; platform ids are shorter).
        static let identity = 320
        /// Notes, canned responses, replies.
        static let text = 100_000
    }

    /// `value` when it is at most `limit` characters and holds no control character (line breaks
    /// and tabs only where `multiline`); else an `InvalidInput` naming `field`.
    static func text(_ value: String, field: String, limit: Int = Limit.line, multiline: Bool = false) throws(InvalidInput) {
        guard value.count <= limit else { throw InvalidInput(field: field, reason: "is longer than \(limit) characters") }
        let allowed: Set<Unicode.Scalar> = multiline ? ["\n", "\r", "\t"] : []
        if value.unicodeScalars.contains(where: { ($0.value < 0x20 || $0.value == 0x7F) && !allowed.contains($0) }) {
            throw InvalidInput(field: field, reason: multiline ? "holds a control character" : "holds a line break or control character")
        }
    }
}

extension Validation {
    /// `value` on one line and at most `limit` characters, for text Parley keeps whatever it is
    /// (a platform's product name): control characters become spaces, the rest is cut with "…".
    static func clipped(_ value: String, limit: Int = Limit.line) -> String {
        let line = String(String.UnicodeScalarView(value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? " " : $0 }))
        return line.count <= limit ? line : String(line.prefix(limit - 1)) + "…"
    }
}

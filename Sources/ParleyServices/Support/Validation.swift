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

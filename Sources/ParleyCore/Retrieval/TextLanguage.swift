import Foundation

/// The languages whose words the assistant knows how to stem and which words it may ignore; any
/// other language is matched on whole words.
public enum TextLanguage: String, Sendable, CaseIterable {
    case english = "en"
    case polish = "pl"
    case greek = "el"
    case russian = "ru"
    case hindi = "hi"
    case other

    /// The language of a BCP 47 tag (`pl-PL` → `.polish`); `.other` for any language without rules.
    public init(locale: String) {
        let language = LocaleFallback.normalize(locale).split(separator: "-").first.map(String.init) ?? ""
        self = TextLanguage(rawValue: language) ?? .other
    }

    /// The language `text` is most likely written in, by its script; for Latin letters, Polish when
    /// a letter only Polish uses appears. A question sent without a locale is still stemmed right.
    public static func guess(_ text: String) -> TextLanguage {
        var counts: [TextLanguage: Int] = [:]
        var polishLetters = false
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            let language = Script(scalar).language
            counts[language, default: 0] += 1
            if "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".unicodeScalars.contains(scalar) { polishLetters = true }
        }
        // allCases order breaks ties, so the same text always gets the same answer.
        let language = allCases.filter { counts[$0, default: 0] > 0 }.max { counts[$0, default: 0] < counts[$1, default: 0] }
        guard let language else { return .other }
        return language == .english && polishLetters ? .polish : language
    }
}

/// The writing system of one letter, which settles the rules for a word in Cyrillic, Greek or
/// Devanagari whatever the article's locale says.
enum Script: Equatable {
    case latin, cyrillic, greek, devanagari, other

    init(_ scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x0041...0x024F: self = .latin
        case 0x0370...0x03FF, 0x1F00...0x1FFF: self = .greek
        case 0x0400...0x052F: self = .cyrillic
        case 0x0900...0x097F, 0xA8E0...0xA8FF: self = .devanagari
        default: self = .other
        }
    }

    /// The language whose rules apply to a word in this script; Latin is English until told otherwise.
    var language: TextLanguage {
        switch self {
        case .latin: .english
        case .cyrillic: .russian
        case .greek: .greek
        case .devanagari: .hindi
        case .other: .other
        }
    }
}

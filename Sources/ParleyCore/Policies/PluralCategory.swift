/// The CLDR plural category of a whole number in a language, which picks the word form:
/// Polish "1 godzinę, 2 godziny, 5 godzin", Russian "1 час, 2 часа, 5 часов".
///
/// ```swift
/// PluralCategory(5, language: "pl") // .many
/// ```
public enum PluralCategory: String, Sendable, CaseIterable {
    case one, few, many, other

    /// The category of the non-negative integer `count` (CLDR 44 rules for integers). Languages
    /// without a rule here use English's.
    public init(_ count: Int, language: String) {
        let n = abs(count)
        let lastDigit = n % 10
        let lastTwo = n % 100
        let fewEnding = (2...4).contains(lastDigit) && !(12...14).contains(lastTwo)
        switch language.split(separator: "-").first.map(String.init) ?? language {
        case "pl":
            self = n == 1 ? .one : fewEnding ? .few : .many
        case "ru", "uk":
            self = lastDigit == 1 && lastTwo != 11 ? .one : fewEnding ? .few : .many
        case "hi":
            self = n <= 1 ? .one : .other
        default:
            self = n == 1 ? .one : .other
        }
    }
}

import Foundation

/// A customer asking where their order is ("where is my order?", "gdzie jest moje zamówienie",
/// "где мой заказ", "πού είναι η παραγγελία μου", "मेरा ऑर्डर कहाँ है"), with the order number
/// when the question gives one.
///
/// Such a question is answered from the order itself, never from an article, and only once the
/// customer has shown the order is theirs.
///
/// ```swift
/// OrderQuestion.detect("Gdzie jest zamówienie nr 1043?")?.number // "1043"
/// OrderQuestion.detect("Jak zwrócić zamówienie?") // nil: a question for the help articles
/// ```
public struct OrderQuestion: Sendable, Equatable {
    /// The order number as the customer wrote it, without `#` or `№`, digits in ASCII; nil when
    /// the question names none.
    public let number: String?

    public init(number: String?) {
        self.number = number
    }

    /// The order question `text` asks, or nil when it asks something else. A question about an
    /// order is one that names an order (a word for it, or a number) and asks where it is, what
    /// state it is in or why it has not come; or that names an order by its number.
    public static func detect(_ text: String) -> OrderQuestion? {
        let words = RetrievalWords.words(text)
        let stems = Set(words.flatMap(Self.stems))
        let aboutOrder = !stems.isDisjoint(with: OrderQuestionWords.orders)
        let asksState = !stems.isDisjoint(with: OrderQuestionWords.state) || asksWhereInGreek(text)
        let number = number(in: text)
        guard (aboutOrder && asksState) || (number != nil && (aboutOrder || asksState)) else { return nil }
        return OrderQuestion(number: number)
    }

    /// Every stem a word may have: a Latin word could be Polish or English.
    static func stems(_ word: String) -> [String] {
        [word, WordStemmer.stem(word, language: .english), WordStemmer.stem(word, language: .polish)]
    }

    /// Greek "πού" (where) loses its accent in folding and becomes "που" (that), which any sentence
    /// about an order may hold; only the accented word, or "που" opening the question or before
    /// "είναι", asks where.
    private static func asksWhereInGreek(_ text: String) -> Bool {
        let words = text.lowercased().precomposedStringWithCanonicalMapping.split { !$0.isLetter }
        if words.contains("πού") { return true }
        let verbs: Set<Substring> = ["είναι", "ειναι", "βρίσκεται", "βρισκεται"]
        return words.indices.contains { index in
            words[index] == "που" && (index == 0 || (index + 1 < words.count && verbs.contains(words[index + 1])))
        }
    }

    /// The order number in `text`: after `#` or `№`, after a word for "number" or "order", or else a
    /// lone run of 3 to 12 digits.
    public static func number(in text: String) -> String? {
        // Before NFKC, which spells "№" as "No".
        let spaced = text.replacingOccurrences(of: "№", with: " # ").precomposedStringWithCompatibilityMapping
            .replacingOccurrences(of: "#", with: " # ")
        let tokens = spaced.split { $0.isWhitespace }.map { token in
            String(token.map(asciiDigit)).trimmingCharacters(
                in: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "#-")).inverted)
        }.filter { !$0.isEmpty }
        var expecting = false
        var lone: String?
        for token in tokens {
            let hasDigit = token.contains { $0.isASCII && $0.isNumber }
            if hasDigit, token.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }) {
                if expecting { return token }
                if lone == nil, token.allSatisfy(\.isNumber), (3...12).contains(token.count) { lone = token }
            }
            let folded = RetrievalWords.fold(token)
            expecting = token == "#" || (!folded.isEmpty && !Set(stems(folded)).isDisjoint(with: OrderQuestionWords.numberMarkers))
        }
        return lone
    }

    private static func asciiDigit(_ character: Character) -> Character {
        guard !character.isASCII, let digit = character.wholeNumberValue, (0...9).contains(digit) else { return character }
        return Character(String(digit))
    }
}

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
        detect([Part(text)])
    }

    /// The order questions an email asks: as a new email (its subject and text, as if joined by a
    /// line break) and as a reply (its text alone: a reply's subject still names the order it first
    /// asked about). The text, most of the work, is read once for both.
    public static func detect(subject: String, text: String) -> (asNew: OrderQuestion?, asReply: OrderQuestion?) {
        let body = Part(text)
        return (detect([Part(subject), body]), detect([body]))
    }

    private static func detect(_ parts: [Part]) -> OrderQuestion? {
        let aboutOrder = parts.contains { !$0.stems.isDisjoint(with: OrderQuestionWords.orders) }
        let asksState =
            parts.contains { !$0.stems.isDisjoint(with: OrderQuestionWords.state) } || asksWhereInGreek(parts.flatMap(\.greekWords))
        // A question that names neither an order nor its state is not one, whatever number it holds:
        // most mail is that, so the tokenizing below is skipped for it.
        guard aboutOrder || asksState else { return nil }
        let number = number(tokens: parts.flatMap(\.tokens))
        guard (aboutOrder && asksState) || (number != nil && (aboutOrder || asksState)) else { return nil }
        return OrderQuestion(number: number)
    }

    /// One text's words, each kind read when first needed.
    private final class Part {
        let text: String
        /// A word once: stemming is most of the cost, and a message repeats its words.
        private(set) lazy var stems = Set(Set(RetrievalWords.words(text)).flatMap(OrderQuestion.stems))
        private(set) lazy var greekWords = text.lowercased().precomposedStringWithCanonicalMapping.split { !$0.isLetter }
        private(set) lazy var tokens = OrderQuestion.tokens(text)

        init(_ text: String) {
            self.text = text
        }
    }

    /// Every stem a word may have: a Latin word could be Polish or English.
    static func stems(_ word: String) -> [String] {
        [word, WordStemmer.stem(word, language: .english), WordStemmer.stem(word, language: .polish)]
    }

    /// Greek "πού" (where) loses its accent in folding and becomes "που" (that), which any sentence
    /// about an order may hold; only the accented word, or "που" opening the question or before
    /// "είναι", asks where.
    private static func asksWhereInGreek(_ words: [Substring]) -> Bool {
        if words.contains("πού") { return true }
        let verbs: Set<Substring> = ["είναι", "ειναι", "βρίσκεται", "βρισκεται"]
        return words.indices.contains { index in
            words[index] == "που" && (index == 0 || (index + 1 < words.count && verbs.contains(words[index + 1])))
        }
    }

    /// The order number in `text`: after `#` or `№`, after a word for "number" or "order", or else a
    /// lone run of 3 to 12 digits.
    public static func number(in text: String) -> String? {
        number(tokens: tokens(text))
    }

    private static func number(tokens: [String]) -> String? {
        var lone: String?
        for (index, token) in tokens.enumerated() {
            // Digits of any script are ASCII by now; a number is ASCII letters, digits and dashes.
            guard token.utf8.contains(where: { (0x30...0x39).contains($0) }),
                token.utf8.allSatisfy({
                    (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == 0x2D
                })
            else { continue }
            // Only a token that could be the number asks whether the one before announces it: the
            // folding and stemming that tells are the costly part.
            if index > 0, tokens[index - 1] == "#" || isNumberMarker(tokens[index - 1]) { return token }
            if lone == nil, token.utf8.allSatisfy({ (0x30...0x39).contains($0) }), (3...12).contains(token.utf8.count) { lone = token }
        }
        return lone
    }

    /// The words of `text` split at whitespace, with `#` (and `№`, `＃`) a token of its own, digits
    /// of any script in ASCII, and the punctuation around each word trimmed (`(#1043),` gives `#` and
    /// `1043`). Scalar by scalar: most mail is read here, and characters cost several times more.
    private static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current: [Unicode.Scalar] = []
        func finish() {
            var start = 0
            var end = current.count
            while start < end, !isTokenScalar(current[start]) { start += 1 }
            while end > start, !isTokenScalar(current[end - 1]) { end -= 1 }
            if start < end {
                var token = String.UnicodeScalarView()
                token.append(contentsOf: current[start..<end])
                tokens.append(String(token))
            }
            current.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                switch scalar.value {
                case 0x23:
                    finish()
                    tokens.append("#")
                case 0x09...0x0D, 0x20:
                    finish()
                default:
                    current.append(scalar)
                }
                continue
            }
            switch scalar {
            case "№", "＃":
                finish()
                tokens.append("#")
            case _ where scalar.properties.isWhitespace:
                finish()
            case _ where scalar.properties.numericType == .decimal:
                let digit = Int(scalar.properties.numericValue ?? 0)
                current.append(Unicode.Scalar(UInt8(0x30 + digit)))
            default:
                current.append(scalar)
            }
        }
        finish()
        return tokens
    }

    /// Letters, marks and numbers (`CharacterSet.alphanumerics`), `#` and `-`.
    private static func isTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (0x30...0x39).contains(scalar.value) || (0x41...0x5A).contains(scalar.value) || (0x61...0x7A).contains(scalar.value)
                || scalar == "#" || scalar == "-"
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
            .enclosingMark, .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    private static func isNumberMarker(_ token: String) -> Bool {
        let folded = RetrievalWords.fold(token)
        return !folded.isEmpty && stems(folded).contains(where: OrderQuestionWords.numberMarkers.contains)
    }
}

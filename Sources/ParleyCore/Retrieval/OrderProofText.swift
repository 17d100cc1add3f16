import Foundation

/// What a customer writes in a chat to prove an order is theirs: its number, the email address it
/// was placed with and the postcode it ships to, in any order and with any words around them
/// ("1042, zofia@example.pl", "zamówienie 1042, kod 00-950", "SW1A 1AA").
public struct OrderProofText: Sendable, Equatable {
    public var number: String?
    public var email: String?
    public var postcode: String?

    /// Reads `text`; with `knownNumber` (the number the customer gave earlier) every other run of
    /// digits is taken for the postcode.
    public init(_ text: String, knownNumber: String?) {
        let tokens = text.split { $0.isWhitespace || $0 == "," || $0 == ";" }.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: ".:!?()[]<>\"'„”“"))
        }
        email = tokens.first { token in
            guard let at = token.firstIndex(of: "@"), at != token.startIndex else { return false }
            return token[token.index(after: at)...].contains(".")
        }
        let rest = tokens.filter { $0 != email }
        number = knownNumber == nil ? OrderQuestion.number(in: rest.joined(separator: " ")) : nil
        // The first run of tokens with digits that is not the order number: "00-950", "105 57", "SW1A 1AA".
        var run: [String] = []
        for token in rest {
            let digits = token.contains { $0.isNumber }
            let isNumber = token.trimmingCharacters(in: CharacterSet(charactersIn: "#№")) == (number ?? knownNumber)
            if digits, !isNumber, token.count <= 10 {
                run.append(token)
            } else if !run.isEmpty {
                break
            }
        }
        let candidate = run.joined(separator: " ")
        let significant = candidate.filter { $0.isLetter || $0.isNumber }.count
        postcode = (3...10).contains(significant) ? candidate : nil
    }
}

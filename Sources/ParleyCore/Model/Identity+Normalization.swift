import Foundation

/// Why an identity value cannot be used.
public enum IdentityError: Error, Equatable, Sendable {
    case empty(Identity.Kind)
    case invalid(Identity.Kind, String)
}

extension Identity {
    /// Normalises `value` so that the same person typed two ways is one identity.
    ///
    /// Email addresses arrive already checked by `ParleyMail`; here they are folded to lower case,
    /// because every mailbox provider a shop meets treats the local part case-insensitively.
    /// Phones keep a leading `+` and digits only (`00 48 601-234-567` → `+48601234567`).
    ///
    /// ```swift
    /// try Identity.normalized(.phone, "(0048) 601 234 567").value // "+48601234567"
    /// ```
    public static func normalized(_ kind: Kind, _ raw: String) throws(IdentityError) -> Identity {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCompatibilityMapping
        guard !trimmed.isEmpty else { throw .empty(kind) }
        switch kind {
        case .email:
            return Identity(kind: kind, value: trimmed.lowercased())
        case .phone:
            return Identity(kind: kind, value: try normalizedPhone(trimmed))
        case .external:
            let parts = trimmed.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalid(kind, "expected platform:id, for example shopify:7012345")
            }
            return Identity(kind: kind, value: parts[0].lowercased() + ":" + parts[1])
        case .visitor:
            guard trimmed.count <= 128, !trimmed.contains(where: \.isWhitespace) else {
                throw .invalid(kind, "a visitor token is at most 128 characters without spaces")
            }
            return Identity(kind: kind, value: trimmed)
        }
    }

    private static func normalizedPhone(_ text: String) throws(IdentityError) -> String {
        var digits = ""
        var international = false
        for (index, character) in text.enumerated() {
            if character == "+" && index == 0 {
                international = true
            } else if let digit = character.wholeNumberValue, character.isASCII {
                digits.append(String(digit))
            } else if !" -./()".contains(character) {
                throw .invalid(.phone, "unexpected character \"\(character)\"")
            }
        }
        if !international && digits.hasPrefix("00") {
            international = true
            digits.removeFirst(2)
        }
        // E.164 allows at most 15 digits; fewer than 6 is no dialable number anywhere.
        guard (6...15).contains(digits.count) else {
            throw .invalid(.phone, "expected 6 to 15 digits, got \(digits.count)")
        }
        return (international ? "+" : "") + digits
    }
}

import Foundation

/// A mailbox address (`addr-spec`, RFC 5322 §3.4.1), optionally with the display name it arrived with.
///
/// ```swift
/// let address = try EmailAddress(parsing: "Zofia Nowak <Zofia.Nowak@Example.PL>")
/// address.addrSpec    // "Zofia.Nowak@example.pl"
/// address.displayName // "Zofia Nowak"
/// ```
public struct EmailAddress: Hashable, Sendable {
    public let localPart: String
    /// The domain in lower case; internationalised domains stay in Unicode.
    public let domain: String
    public private(set) var displayName: String?

    /// `local@domain`.
    public var addrSpec: String { localPart + "@" + domain }

    /// The same mailbox shown as `name` (`"Kubki & Co" <sklep@kubki.example>`).
    public func named(_ name: String?) -> EmailAddress {
        var copy = self
        copy.displayName = name
        return copy
    }

    /// Parses `name <local@domain>`, `<local@domain>` or a bare `local@domain`.
    public init(parsing text: String) throws(EmailAddressError) {
        let trimmed = text.trimmingWhitespace()
        var spec = trimmed
        var name: String?
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            spec = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let rawName = trimmed[..<open].trimming(\.isSpaceOrTab)
            let unquoted =
                rawName.count >= 2 && rawName.hasPrefix("\"") && rawName.hasSuffix("\"")
                ? String(rawName.dropFirst().dropLast()) : rawName
            name = unquoted.isEmpty ? nil : unquoted
        }
        guard let at = spec.lastIndex(of: "@") else { throw .missingAt }
        let local = String(spec[..<at])
        let domain = String(spec[spec.index(after: at)...])
        try Self.validateLocalPart(local)
        try Self.validateDomain(domain)
        self.localPart = local
        self.domain = domain.lowercased()
        self.displayName = name
    }

    private static func validateLocalPart(_ local: String) throws(EmailAddressError) {
        guard !local.isEmpty else { throw .emptyLocalPart }
        guard local.utf8.count <= 64 else { throw .localPartTooLong }
        if local.hasPrefix("\"") && local.hasSuffix("\"") && local.count >= 2 { return }
        // dot-atom: atext runs separated by single dots; non-ASCII is allowed (RFC 6531, SMTPUTF8).
        for atom in local.split(separator: ".", omittingEmptySubsequences: false) {
            guard !atom.isEmpty else { throw .invalidLocalPart(local) }
            for character in atom where !Self.isAllowed(character, ascii: Self.atext) { throw .invalidLocalPart(local) }
        }
    }

    /// ASCII letters, digits and the symbols RFC 5322's atext allows, by byte.
    private static let atext = asciiTable(extra: "!#$%&'*+-/=?^_`{|}~")
    /// ASCII letters, digits and the hyphen: what a domain label may hold.
    private static let labelCharacters = asciiTable(extra: "-")

    private static func asciiTable(extra: String) -> [Bool] {
        (0..<128).map { byte in
            let scalar = Unicode.Scalar(UInt8(byte))
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || extra.unicodeScalars.contains(scalar)
        }
    }

    /// Whether `character` may stand in an address: by the table when ASCII (every address is, nearly),
    /// else any letter or number of any script.
    private static func isAllowed(_ character: Character, ascii table: [Bool]) -> Bool {
        if let byte = character.asciiValue, character.unicodeScalars.count == 1 { return table[Int(byte)] }
        return character.isLetter || character.isNumber
    }

    private static func validateDomain(_ domain: String) throws(EmailAddressError) {
        guard !domain.isEmpty, domain.utf8.count <= 253 else { throw .invalidDomain(domain) }
        if domain.hasPrefix("[") && domain.hasSuffix("]") { return }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ Self.isAllowed($0, ascii: Self.labelCharacters) })
            else { throw .invalidDomain(domain) }
        }
    }
}

/// Why a text is not a usable email address.
public enum EmailAddressError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingAt
    case emptyLocalPart
    case localPartTooLong
    case invalidLocalPart(String)
    case invalidDomain(String)

    public var description: String {
        switch self {
        case .missingAt: "an email address needs an @"
        case .emptyLocalPart: "nothing before the @"
        case .localPartTooLong: "the part before the @ is longer than 64 bytes"
        case .invalidLocalPart(let local): "\"\(local)\" is not a valid mailbox name"
        case .invalidDomain(let domain): "\"\(domain)\" is not a valid domain"
        }
    }
}

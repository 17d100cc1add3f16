import Foundation
import Synchronization

/// The one spelling of JSON keys in Parley's API, widget and forms: `snake_case` on the wire,
/// Swift names in code, so no type writes its own `CodingKeys` for the difference.
///
/// Foundation's `convertToSnakeCase` spells `conversationIDs` as `conversation_i_ds`, and its
/// `convertFromSnakeCase` turns `public_id` into `publicId`, which matches no Swift name that
/// follows the API guidelines (`publicID`). Both directions here know the acronyms Parley's names
/// use; a name must spell them in capitals (`trackingURL`, not `trackingUrl`), which
/// `SnakeCaseKeysTests` checks over the sources.
public enum SnakeCaseKeys {
    /// Words written in capitals inside a Swift name.
    public static let acronyms: Set<String> = ["id", "ids", "url", "urls", "html", "dns", "sla", "sms", "api", "ip", "utm"]

    /// `trackingURL` → `tracking_url`, `conversationIDs` → `conversation_ids`.
    public static func snakeCase(_ name: String) -> String {
        split(name).map { $0.lowercased() }.joined(separator: "_")
    }

    /// `tracking_url` → `trackingURL`; a key without an underscore is taken as it is.
    public static func camelCase(_ key: String) -> String {
        guard key.contains("_") else { return key }
        let words = key.split(separator: "_", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first else { return key }
        let rest = words.dropFirst().map { word in
            if acronyms.contains(word) {
                // `ids` is the plural of an acronym: `IDs`.
                return word.hasSuffix("s") && acronyms.contains(String(word.dropLast()))
                    ? word.dropLast().uppercased() + "s" : word.uppercased()
            }
            return word.prefix(1).uppercased() + word.dropFirst()
        }
        return first + rest.joined()
    }

    /// An `application/x-www-form-urlencoded` body with its field names in Swift's spelling, for
    /// `URLEncodedFormDecoder`, which has no key strategy (`csrf_token=…` → `csrfToken=…`).
    public static func camelCaseForm(_ body: String) -> String {
        body.split(separator: "&", omittingEmptySubsequences: false).map { pair in
            let name = pair.prefix { $0 != "=" && $0 != "[" && $0 != "%" }
            return camelCase(String(name)) + pair.dropFirst(name.count)
        }.joined(separator: "&")
    }

    /// The words of a Swift name: a capital after a lower-case letter or a digit starts a word, a run
    /// of capitals is one word (an acronym) up to the capital that starts the next, and an `s` right
    /// after an acronym is its plural (`IDs`).
    private static func split(_ name: String) -> [String] {
        let characters = Array(name)
        var words: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            let previous = index > 0 ? characters[index - 1] : nil
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if character.isUppercase, let previous, !current.isEmpty {
                let endsAcronym = previous.isUppercase && (next?.isLowercase ?? false) && !isAcronymPlural(characters, at: index + 1)
                if previous.isLowercase || previous.isNumber || endsAcronym { words.append(current); current = "" }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether the `s` at `index` closes a run of capitals as its plural (`IDs`, `URLs`).
    private static func isAcronymPlural(_ characters: [Character], at index: Int) -> Bool {
        guard index < characters.count, characters[index] == "s", index >= 2, characters[index - 1].isUppercase,
            characters[index - 2].isUppercase
        else { return false }
        return index + 1 == characters.count || characters[index + 1].isUppercase
    }

    /// The encoder's keys, which are the property names of Parley's own types: a fixed set, so kept.
    /// Keys a client sends are converted each time, so that no request can grow this.
    private static let encoded = Mutex<[String: String]>([:])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int?
        init(stringValue: String) { self.stringValue = stringValue }
        init(intValue: Int) {
            self.stringValue = String(intValue)
            self.intValue = intValue
        }
    }

    // The strategies see only keyed containers' keys; a `[String: …]` dictionary's keys are data
    // and pass through unchanged.
    private static var encoding: JSONEncoder.KeyEncodingStrategy {
        .custom { path in
            let name = path.last?.stringValue ?? ""
            if let known = encoded.withLock({ $0[name] }) { return Key(stringValue: known) }
            let key = snakeCase(name)
            encoded.withLock { $0[name] = key }
            return Key(stringValue: key)
        }
    }

    private static var decoding: JSONDecoder.KeyDecodingStrategy {
        .custom { path in Key(stringValue: camelCase(path.last?.stringValue ?? "")) }
    }

    /// A JSON encoder with these keys, ISO 8601 dates and stable output.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = encoding
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { encoder.outputFormatting.insert(.prettyPrinted) }
        return encoder
    }

    /// A JSON decoder with these keys.
    public static func decoder(dates: JSONDecoder.DateDecodingStrategy = .deferredToDate) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = decoding
        decoder.dateDecodingStrategy = dates
        return decoder
    }
}

import Foundation
import ParleyCore

/// The UI's string catalogs, one per shipped language, and the choice of language for a request.
struct Localizer: Sendable {
    static let supported = ["en", "pl", "el", "ru", "hi"]
    private let catalogs: [String: [String: any Sendable]]

    init(directory: URL) throws {
        var catalogs: [String: [String: any Sendable]] = [:]
        for language in Self.supported {
            let data = try Data(contentsOf: directory.appendingPathComponent("\(language).json"))
            guard let catalog = try JSONSerialization.jsonObject(with: data) as? [String: any Sendable] else {
                throw CocoaError(.fileReadCorruptFile)
            }
            catalogs[language] = catalog
        }
        self.catalogs = catalogs
    }

    /// The catalog for `language`, English when Parley does not speak it.
    func catalog(_ language: String) -> [String: any Sendable] {
        catalogs[language] ?? catalogs["en"] ?? [:]
    }

    /// The customer's own language when Parley speaks it, else the browser's best.
    func language(for customerLocale: String?, acceptLanguage: String?) -> String {
        let language = LocaleFallback.normalize(customerLocale ?? "").split(separator: "-").first.map(String.init) ?? ""
        return Self.supported.contains(language) ? language : Self.negotiate(acceptLanguage)
    }

    /// The supported language the `Accept-Language` header likes best (`pl-PL,pl;q=0.9,en;q=0.8` → `pl`).
    static func negotiate(_ acceptLanguage: String?) -> String {
        negotiateIfSpoken(acceptLanguage) ?? "en"
    }

    /// The supported language `acceptLanguage` likes best, nil when it names none of them.
    static func negotiateIfSpoken(_ acceptLanguage: String?) -> String? {
        ranked(acceptLanguage).lazy.map { String($0.split(separator: "-").first ?? "") }.first(where: supported.contains)
    }

    /// The tags of an `Accept-Language` header, lower case, the best liked first (`pl-pl`, `pl`, `en`);
    /// those refused with `q=0` are left out.
    static func ranked(_ acceptLanguage: String?) -> [String] {
        guard let acceptLanguage else { return [] }
        let ranked = acceptLanguage.split(separator: ",").enumerated().compactMap { position, entry -> (String, Double, Int)? in
            let fields = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = fields.first?.lowercased(), !tag.isEmpty else { return nil }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, quality, position)
        }
        return ranked.filter { $0.1 > 0 }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map { $0.0 }
    }
}

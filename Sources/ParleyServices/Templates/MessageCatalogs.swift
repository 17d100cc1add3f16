import Foundation
import Mustache
import ParleyCore
import Synchronization

/// The strings catalog per language (`Resources/messages/*.json`) behind every message Parley writes
/// to customers. Entries are Mustache themselves (`"Order {{number}} is on its way"`).
public struct MessageCatalogs: Sendable {
    /// Entries by language, flattened to dotted keys (`stages.shipped.subject`).
    let catalogs: [String: [String: String]]
    /// Entries by language without the stages' texts: what every layout may name as `t.…`.
    let common: [String: [String: String]]
    /// Where the catalogs and the shared layouts live.
    let resources: URL
    /// The HTML layout of marketing emails.
    let marketingHTML: MarketingHTML

    /// Parsed texts by their source. Every order update renders the same few dozen entries, and
    /// parsing them each time was most of the cost of rendering the words.
    private static let parsed = Mutex<[String: MustacheTemplate]>([:])

    public init() throws {
        guard let resources = Bundle.module.resourceFolder(containing: "messages") else { throw CocoaError(.fileNoSuchFile) }
        var catalogs: [String: [String: String]] = [:]
        let folder = resources.appendingPathComponent("messages")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".json") {
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(file)))
            catalogs[String(file.dropLast(5))] = Self.flatten(json)
        }
        self.catalogs = catalogs
        common = catalogs.mapValues { $0.filter { !$0.key.hasPrefix("stages.") } }
        self.resources = resources
        marketingHTML = try MarketingHTML(templates: resources.appendingPathComponent("templates"))
    }

    /// The languages with a catalog.
    public var languages: [String] { catalogs.keys.sorted() }

    /// The first language of the fallback chain (`pl-PL → pl → shop default → en`) that has a catalog.
    func catalog(for customerLocale: String?, shopDefault: String) throws -> (language: String, entries: [String: String]) {
        let chain = LocaleFallback.chain(for: customerLocale, shopDefault: shopDefault)
        guard let language = chain.first(where: { catalogs[$0] != nil }), let entries = catalogs[language] else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        return (language, entries)
    }

    /// Parley's own texts of `stage` in `language` (a language with a catalog), before rendering.
    func defaults(stage: OrderStage, language: String) -> OrderMessageTexts {
        var texts = OrderMessageTexts()
        for field in OrderMessageTexts.Field.allCases {
            texts[field] = catalogs[language]?["stages.\(stage.rawValue).\(field.rawValue)"]
        }
        return texts
    }

    /// The entry `key` rendered as plain text with `values`; "" when the catalog lacks it.
    static func words(_ key: String, in entries: [String: String], values: [String: Any]) throws -> String {
        guard let template = entries[key] else { return "" }
        return try text(template).render(values)
    }

    /// `source` parsed as a plain-text template (nothing escaped), once per distinct source.
    static func text(_ source: String) throws -> MustacheTemplate {
        if let template = parsed.withLock({ $0[source] }) { return template }
        let template = try MustacheTemplate(string: "{{%CONTENT_TYPE: TEXT}}" + source)
        parsed.withLock { cache in
            // Shops' own texts and canned responses are few; this bounds what a flood of edits could keep.
            if cache.count >= 4_096 { cache.removeAll() }
            cache[source] = template
        }
        return template
    }

    /// The entries of `values` that have a non-empty value; Mustache takes an empty string as true,
    /// so what is unknown is left out, not blank.
    /// The shop's brand as the email layouts' `brand-header` reads it: its colour (Parley's blue
    /// unless set) and logo.
    static func brand(_ settings: [String: String]) -> [String: Any] {
        present(["color": settings[.brandColor] ?? "#3246d3", "logoURL": settings[.brandLogoURL], "signature": settings[.brandSignature]])
    }

    static func present(_ values: [String: String?]) -> [String: Any] {
        values.compactMapValues { $0.flatMap { $0.isEmpty ? nil : $0 } }
    }

    private static func flatten(_ json: Any, prefix: String = "") -> [String: String] {
        guard let object = json as? [String: Any] else { return [:] }
        var flat: [String: String] = [:]
        for (key, value) in object {
            if let text = value as? String {
                flat[prefix + key] = text
            } else {
                flat.merge(flatten(value, prefix: prefix + key + "."), uniquingKeysWith: { first, _ in first })
            }
        }
        return flat
    }
}

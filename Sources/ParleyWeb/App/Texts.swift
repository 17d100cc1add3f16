import Foundation
import ParleyCore

/// One language's UI strings, looked up by dotted path (`app.status.open`), English where a
/// translation is missing and the path itself where English lacks it too, so a gap shows, never blank.
struct Texts: Sendable {
    let language: String
    let catalog: [String: any Sendable]
    let english: [String: any Sendable]

    subscript(_ path: String) -> String {
        Self.lookup(path, in: catalog) ?? Self.lookup(path, in: english) ?? path
    }

    /// `path` with `{name}` placeholders filled.
    func format(_ path: String, _ values: [String: String]) -> String {
        values.reduce(self[path]) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }

    /// The CLDR plural form of `path` for `count` ("5 rozmów"), `{n}` filled with the localized number.
    func plural(_ path: String, _ count: Int, number: String) -> String {
        let category = PluralCategory(count, language: language).rawValue
        let form =
            Self.lookup("\(path).\(category)", in: catalog) ?? Self.lookup("\(path).other", in: catalog)
            ?? Self.lookup("\(path).other", in: english) ?? path
        return form.replacingOccurrences(of: "{n}", with: number)
    }

    private static func lookup(_ path: String, in catalog: [String: any Sendable]) -> String? {
        var node: Any = catalog
        for key in path.split(separator: ".") {
            guard let dictionary = node as? [String: any Sendable], let next = dictionary[String(key)] else { return nil }
            node = next
        }
        return node as? String
    }
}

extension Localizer {
    func texts(_ language: String) -> Texts {
        Texts(language: language, catalog: catalog(language), english: catalog("en"))
    }
}

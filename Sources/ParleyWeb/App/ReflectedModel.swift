import Foundation
import Mustache

/// A view model as a page's template reads it: every property reflected once and kept by name.
///
/// Mustache finds a struct's property by reflecting the whole value for every name it is asked, and
/// asks each enclosing value in turn for names a row lacks (`t`, `chrome`); on an inbox of fifty rows
/// that reflection was most of the page's time. Wrapped, each value is reflected once and every
/// lookup is a dictionary read.
struct ReflectedModel: MustacheParent {
    private let fields: [String: Any]

    func child(named name: String) -> Any? { fields[name] }

    /// `value` with every struct, class and tuple in it wrapped, and arrays of them; strings, numbers,
    /// dictionaries and what Mustache treats specially are kept as they are.
    static func wrap(_ value: Any) -> Any {
        // The common leaves first, by their exact type: casting to a protocol searches conformances.
        if value is String || value is Bool || value is Int || value is Int64 || value is Double { return value }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            return mirror.children.first.map { wrap($0.value) } ?? value
        case .collection:
            return mirror.children.map { wrap($0.value) }
        case .struct, .class, .tuple:
            if value is any MustacheParent || value is any MustacheCustomRepresentation || value is Date || value is URL { return value }
            var fields: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label else { continue }
                let field = Mirror(reflecting: child.value)
                // An absent optional is no field, so that the name is looked for further out, as before.
                if field.displayStyle == .optional, field.children.isEmpty { continue }
                fields[label] = wrap(child.value)
            }
            return ReflectedModel(fields: fields)
        default:
            // Dictionaries (the strings, `t`), sets, enums, closures (lambdas) and numbers as Mustache reads them.
            return value
        }
    }
}

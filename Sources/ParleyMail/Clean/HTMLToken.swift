/// One piece of HTML as ``HTMLTokenizer`` reads it.
enum HTMLToken: Equatable, Sendable {
    /// Text with character references decoded (raw for the contents of `<script>`, `<style>` and the like).
    case text(String)
    /// A start tag; `name` is lowercased, attributes keep source order and the first of duplicates wins on lookup.
    case startTag(name: String, attributes: [HTMLAttribute], selfClosing: Bool)
    /// An end tag; `name` is lowercased.
    case endTag(name: String)
    /// A comment, doctype, CDATA section or processing instruction: never content.
    case ignorable
}

/// An attribute of a start tag; `name` is lowercased, `value` has its character references decoded.
struct HTMLAttribute: Equatable, Sendable {
    var name: String
    var value: String
}

extension [HTMLAttribute] {
    /// The value of the first attribute called `name`.
    subscript(name: String) -> String? {
        first { $0.name == name }?.value
    }
}

import Foundation
import Mustache
import ParleyCore

/// What is wrong with a text a shop wrote for an order update, found before it is stored or
/// previewed: a text that fails here would fail, or say something unintended, when an order moves.
public struct TemplateIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case tooLong(limit: Int)
        case lineBreak
        case controlCharacter
        /// A `{{` with no `}}` after it.
        case unclosedTag
        /// `{{orderNumber}}`; the suggestion is the placeholder most likely meant.
        case unknownPlaceholder(String, suggestion: String?)
        /// A partial, a delimiter change or another tag that has no meaning in a shop's text.
        case unsupportedTag(String)
        /// `{{#carrier}}` with no `{{/carrier}}`.
        case unclosedSection(String)
        /// `{{/carrier}}` with no `{{#carrier}}` open.
        case strayClose(String)
        /// What the Mustache parser itself refused.
        case invalid(String)
    }

    public let field: OrderMessageTexts.Field
    public let kind: Kind

    public init(field: OrderMessageTexts.Field, kind: Kind) {
        self.field = field
        self.kind = kind
    }

    /// In English, for the API and the logs; the agent app says the same in the agent's language.
    public var reason: String {
        let names = OrderMessageTemplates.placeholders.map { "{{\($0)}}" }.joined(separator: ", ")
        switch kind {
        case .tooLong(let limit): return "is longer than \(limit) characters"
        case .lineBreak: return "must be one line"
        case .controlCharacter: return "holds a control character"
        case .unclosedTag: return "has a {{ with no closing }}"
        case .unknownPlaceholder(let name, let suggestion?): return "unknown placeholder {{\(name)}}; use {{\(suggestion)}}"
        case .unknownPlaceholder(let name, nil): return "unknown placeholder {{\(name)}}; use one of \(names)"
        case .unsupportedTag(let tag): return "\(tag) is not allowed here; use only the placeholders \(names)"
        case .unclosedSection(let name): return "{{#\(name)}} is never closed; end it with {{/\(name)}}"
        case .strayClose(let name): return "{{/\(name)}} closes nothing"
        case .invalid(let detail): return "is not a valid template: \(detail)"
        }
    }

    public var description: String { "\(field.rawValue): \(reason)" }

    /// The first problem of `texts`, field by field in the order the form shows them; nil when all may be used.
    public static func first(in texts: OrderMessageTexts) -> TemplateIssue? {
        for field in OrderMessageTexts.Field.allCases {
            guard let text = texts[field] else { continue }
            if let kind = problem(in: text, field: field) { return TemplateIssue(field: field, kind: kind) }
        }
        return nil
    }

    private static func problem(in text: String, field: OrderMessageTexts.Field) -> Kind? {
        guard text.count <= field.limit else { return .tooLong(limit: field.limit) }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F {
            if !field.isMultiline, scalar == "\n" || scalar == "\r" { return .lineBreak }
            if !["\n", "\r", "\t"].contains(scalar) { return .controlCharacter }
        }
        if let kind = tagProblem(in: text) { return kind }
        do {
            _ = try MustacheTemplate(string: "{{%CONTENT_TYPE: TEXT}}" + text)
        } catch {
            return .invalid(String(describing: error))
        }
        return nil
    }

    /// Reads the tags one by one: only the placeholders, as values or as sections around text that
    /// shows when the order has that detail (`{{#carrier}}by {{carrier}}{{/carrier}}`), and comments.
    private static func tagProblem(in text: String) -> Kind? {
        var open: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            let triple = rest[start.upperBound...].hasPrefix("{")
            let inside = rest[start.upperBound...].dropFirst(triple ? 1 : 0)
            guard let end = inside.range(of: triple ? "}}}" : "}}") else { return .unclosedTag }
            let content = inside[..<end.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = inside[end.upperBound...]
            let sigil = content.first.flatMap { "#^/&!>=%<$".contains($0) ? $0 : nil }
            let name = (sigil == nil ? content : String(content.dropFirst())).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!"?:
                continue
            case ">"?, "="?, "%"?, "<"?, "$"?:
                return .unsupportedTag(triple ? "{{{\(content)}}}" : "{{\(content)}}")
            case "/"?:
                guard let last = open.last else { return .strayClose(name) }
                guard last == name else { return .unclosedSection(last) }
                open.removeLast()
                continue
            default:
                break
            }
            guard OrderMessageTemplates.placeholders.contains(name) else {
                return .unknownPlaceholder(name, suggestion: suggestion(for: name))
            }
            if sigil == "#" || sigil == "^" { open.append(name) }
        }
        return open.last.map { .unclosedSection($0) }
    }

    /// Words shops reach for first, from other platforms' notification templates.
    private static let synonyms = [
        "store": "shop", "storename": "shop", "shopname": "shop", "customer": "name", "customername": "name",
        "firstname": "name", "courier": "carrier", "shippingcarrier": "carrier", "tracking": "trackingNumber",
        "trackingcode": "trackingNumber", "trackingurl": "trackingPage", "trackinglink": "trackingPage", "link": "trackingPage",
        "url": "trackingPage", "order": "number", "ordername": "number", "id": "number",
    ]

    private static func suggestion(for name: String) -> String? {
        let folded = name.lowercased().filter { $0.isLetter }
        if let known = OrderMessageTemplates.placeholders.first(where: { $0.lowercased() == folded }) { return known }
        if let synonym = synonyms[folded] { return synonym }
        // `orderNumber`, `order_number`, `customer.name`: the placeholder inside the longer name.
        return OrderMessageTemplates.placeholders.filter { folded.contains($0.lowercased()) }.max { $0.count < $1.count }
    }
}

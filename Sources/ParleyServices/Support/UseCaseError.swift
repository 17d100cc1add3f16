/// How a caller may take a use case's refusal, whatever the use case: the web layer turns it into a
/// status in one place (`ProblemMiddleware`), a page into a message beside the form.
public enum Refusal: Sendable, Equatable {
    /// The input cannot be taken; `field` names it (`identities[1].value`), so the caller can fix it.
    case invalid(field: String)
    /// Something the caller named does not exist in their shop.
    case notFound
    /// The request contradicts what is stored (two customers claim one identity, a merged conversation).
    case conflict
}

/// An error a use case throws: cases of its own that a caller can act on, each with a sentence that
/// says what was wrong (`description`, the problem's `detail`) and how it is refused.
public protocol UseCaseError: Error, CustomStringConvertible, Sendable {
    var refusal: Refusal { get }
}

extension InvalidInput: UseCaseError {
    public var refusal: Refusal { .invalid(field: field) }
}

extension UseCaseError {
    /// The sentence without the field it names, for a page that shows it beside that field.
    public var sentence: String {
        guard case .invalid(let field) = refusal, description.hasPrefix(field + ": ") else { return description }
        return String(description.dropFirst(field.count + 2))
    }
}

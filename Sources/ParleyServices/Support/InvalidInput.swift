/// Input a use case refuses, naming the field so the caller can fix it (`identities[1].value`).
///
/// The one refusal shared by all use cases, because checking a field is the same everywhere
/// (`Validation`); what else a caller can act on is a case of the use case's own `UseCaseError`.
public struct InvalidInput: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Why the preference centre refused.
public enum PreferenceError: UseCaseError, Equatable {
    /// A wrong shop, customer or signature alike, so the page tells nothing about who exists.
    case linkNotFound

    public var refusal: Refusal { .notFound }

    public var description: String { "no such preferences link" }
}

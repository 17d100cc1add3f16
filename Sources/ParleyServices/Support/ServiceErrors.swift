/// Input a use case refuses, naming the field so the caller can fix it (`identities[1].value`).
public struct InvalidInput: Error, Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}

/// Something the caller named does not exist in their shop.
public struct NotFound: Error, Equatable, Sendable, CustomStringConvertible {
    public let what: String
    public init(_ what: String) { self.what = what }

    public var description: String { "no \(what) in this shop" }
}

/// The request contradicts what is stored (two customers claim one identity).
public struct Conflict: Error, Equatable, Sendable, CustomStringConvertible {
    public let detail: String
    public init(_ detail: String) { self.detail = detail }

    public var description: String { detail }
}

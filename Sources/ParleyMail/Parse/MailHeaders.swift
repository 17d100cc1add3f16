/// A header block: the fields in the order they came, looked up by case-insensitive name.
///
/// ```swift
/// mail.headers.first("subject")         // decoded, unfolded
/// mail.headers.all("Received").count
/// ```
public struct MailHeaders: Sendable {
    /// Every field, in order.
    public var fields: [MailHeaderField]

    /// A header block of `fields`.
    public init(fields: [MailHeaderField]) {
        self.fields = fields
    }

    /// The decoded value of the first field called `name` (any case).
    public func first(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The decoded values of every field called `name` (any case), in order.
    public func all(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    /// Whether a field called `name` (any case) is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.name.caseInsensitiveEquals(name) }
    }

    /// The undecoded, unfolded value of the first field called `name`, for structured fields.
    func firstRaw(_ name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.rawValue
    }
}

/// One header field.
public struct MailHeaderField: Sendable, Equatable {
    /// The name as sent, e.g. `"Subject"`.
    public var name: String
    /// The value unfolded but not RFC 2047-decoded (raw 8-bit bytes are decoded to text, though).
    public var rawValue: String
    /// The value with RFC 2047 encoded words decoded.
    public var value: String

    /// A field from its parts.
    public init(name: String, rawValue: String, value: String) {
        self.name = name
        self.rawValue = rawValue
        self.value = value
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }
}

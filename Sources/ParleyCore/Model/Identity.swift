/// One way to recognise a customer. A customer has several; each identity belongs to one customer per shop.
public struct Identity: Hashable, Sendable, Codable {
    /// What the value is.
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case email
        case phone
        /// A shop platform's own customer id, written `platform:id` (`shopify:7012345`).
        case external
        /// The chat widget's anonymous visitor token.
        case visitor
    }

    public var kind: Kind
    /// The normalised value: equal identities compare equal as strings.
    public var value: String

    public init(kind: Kind, value: String) {
        self.kind = kind
        self.value = value
    }
}

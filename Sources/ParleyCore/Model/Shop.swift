import Foundation

/// The internal key of a shop. Every row in Parley belongs to exactly one shop.
public struct ShopID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public var description: String { String(rawValue) }
}

/// A shop: the tenant that owns customers, agents, API keys and everything else.
public struct Shop: Sendable, Equatable {
    public let id: ShopID
    /// URL-safe handle used by the CLI and webhooks (`parley apikey create --shop demo`).
    public var slug: String
    public var name: String
    /// The locale a message falls back to when the customer's is unknown (`pl-PL → pl → default`).
    public var defaultLocale: String
    public var timeZone: String
    public var createdAt: Date

    public init(id: ShopID, slug: String, name: String, defaultLocale: String, timeZone: String, createdAt: Date) {
        self.id = id
        self.slug = slug
        self.name = name
        self.defaultLocale = defaultLocale
        self.timeZone = timeZone
        self.createdAt = createdAt
    }

    /// Whether `slug` may name a shop: lowercase letters, digits and dashes, 2–63 characters.
    public static func isValidSlug(_ slug: String) -> Bool {
        (2...63).contains(slug.count)
            && slug.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !slug.hasPrefix("-") && !slug.hasSuffix("-")
    }
}

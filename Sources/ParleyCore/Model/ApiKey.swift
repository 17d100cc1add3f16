import Foundation

/// An API key as staff see it: never the key itself, which exists only once, when it is created.
public struct ApiKey: Sendable, Equatable {
    /// What a key may do.
    public enum Scope: String, Sendable, CaseIterable {
        /// Everything the API offers for its shop.
        case full
        /// Reading only: `GET` and `HEAD`; anything else is refused.
        case readOnly = "read_only"
    }

    public let id: Int64
    public let shop: ShopID
    /// The 8 characters after `prl_` that name the key in lists and logs (`prl_3kTq9aZx_…`).
    public let prefix: String
    public let name: String
    public let scope: Scope
    public let createdAt: Date
    public let lastUsedAt: Date?
    public let expiresAt: Date?
    public let revokedAt: Date?

    public init(
        id: Int64, shop: ShopID, prefix: String, name: String, scope: Scope, createdAt: Date, lastUsedAt: Date?, expiresAt: Date?,
        revokedAt: Date?
    ) {
        self.id = id
        self.shop = shop
        self.prefix = prefix
        self.name = name
        self.scope = scope
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the key still opens the API at `now`.
    public func isLive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }

    /// How the key is named in the audit log and in logs: `prl_3kTq9aZx (shopify sync)`.
    public var label: String { "prl_\(prefix) (\(name))" }
}

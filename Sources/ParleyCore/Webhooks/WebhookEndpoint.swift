import Foundation

/// A URL a shop has subscribed to some of its events, with the secret its deliveries are signed with.
public struct WebhookEndpoint: Sendable, Equatable, RotatingSecret {
    public let id: Int64
    public let publicID: String
    public let shopID: ShopID
    public var url: String
    public var description: String
    public var events: Set<WebhookEventType>
    /// `whsec_` and the base64 of the key (Standard Webhooks). Kept as given, since it signs.
    public var secret: String
    /// The secret before the last rotation: deliveries carry a signature with it too until
    /// `previousSecretExpiresAt`, so a receiver can switch to the new one without losing events.
    public var previousSecret: String?
    public var previousSecretExpiresAt: Date?
    /// Why deliveries stopped, when they did: after a day of failures, or by an agent.
    public var disabledReason: String?
    public var disabledAt: Date?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, publicID: String, shopID: ShopID, url: String, description: String, events: Set<WebhookEventType>, secret: String,
        previousSecret: String? = nil, previousSecretExpiresAt: Date? = nil, disabledReason: String? = nil, disabledAt: Date? = nil,
        createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.publicID = publicID
        self.shopID = shopID
        self.url = url
        self.description = description
        self.events = events
        self.secret = secret
        self.previousSecret = previousSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.disabledReason = disabledReason
        self.disabledAt = disabledAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    public var isEnabled: Bool { disabledAt == nil }
}

import Foundation

/// A messenger a shop connects through a bridge of its own (WhatsApp, Telegram, a marketplace inbox):
/// the bridge posts customers' messages to Parley, and agents' replies are posted to `webhookURL`,
/// signed with `secret` as Standard Webhooks.
public struct ApiChannel: Sendable, Equatable, RotatingSecret {
    public let id: Int64
    public let publicID: String
    public let shopID: ShopID
    public var name: String
    public var webhookURL: String
    public var secret: String
    /// The secret before the last rotation, still signing beside the new one until `previousSecretExpiresAt`.
    public var previousSecret: String?
    public var previousSecretExpiresAt: Date?
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, publicID: String, shopID: ShopID, name: String, webhookURL: String, secret: String, previousSecret: String?,
        previousSecretExpiresAt: Date?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.publicID = publicID
        self.shopID = shopID
        self.name = name
        self.webhookURL = webhookURL
        self.secret = secret
        self.previousSecret = previousSecret
        self.previousSecretExpiresAt = previousSecretExpiresAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// How the bridge's sender `externalID` is known as a customer identity (kind `external`,
    /// the channel standing for the platform, which identities keep in lower case).
    public func identity(of externalID: String) -> String { "\(publicID.lowercased()):\(externalID)" }

    /// The sender's id on the messenger, from one of a customer's identities; nil for another channel's.
    public func externalID(in known: Identity) -> String? {
        let prefix = identity(of: "")
        guard known.kind == .external, known.value.hasPrefix(prefix) else { return nil }
        return String(known.value.dropFirst(prefix.count))
    }
}

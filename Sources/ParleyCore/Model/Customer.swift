import Foundation

/// A person who buys from or talks with a shop, however many ways they reach it.
public struct Customer: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    /// The opaque id shown outside Parley (`cus_…`); internal ids never leave the database.
    public let publicID: String
    public var name: String?
    /// BCP 47 tag (`pl-PL`), or nil to use the shop's default.
    public var locale: String?
    /// IANA zone (`Europe/Warsaw`), for quiet hours and dates in messages.
    public var timeZone: String?
    public var preferredChannel: PreferredChannel?
    public var identities: [Identity]
    public var consents: [Consent]
    public var createdAt: Date
    public var updatedAt: Date
    /// When the customer's personal data was erased; the row stays, anonymous, for the shop's figures.
    public var erasedAt: Date?

    public init(
        id: Int64, shopID: ShopID, publicID: String, name: String?, locale: String?, timeZone: String?,
        preferredChannel: PreferredChannel?, identities: [Identity], consents: [Consent], createdAt: Date, updatedAt: Date,
        erasedAt: Date? = nil
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.name = name
        self.locale = locale
        self.timeZone = timeZone
        self.preferredChannel = preferredChannel
        self.identities = identities
        self.consents = consents
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.erasedAt = erasedAt
    }
}

import Foundation

/// What an agent may do in a shop, from most to least powerful.
public enum AgentRole: String, Sendable, CaseIterable, Codable {
    /// Owns the shop: billing, deleting data, every setting.
    case owner
    /// Manages settings, agents and API keys.
    case admin
    /// Answers customers.
    case agent
    /// Runs campaigns and flows; sees indicators, not conversations.
    case marketer
}

/// A person who signs in to the agent application of one shop.
public struct Agent: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public var email: String
    public var name: String
    public var role: AgentRole
    public var createdAt: Date
    /// The language of the agent's screens (`pl`), or nil to follow the browser.
    public var locale: String?
    /// The IANA zone the agent reads times in, or nil for the shop's.
    public var timeZone: String?

    public init(
        id: Int64, shopID: ShopID, email: String, name: String, role: AgentRole, createdAt: Date, locale: String? = nil,
        timeZone: String? = nil
    ) {
        self.id = id
        self.shopID = shopID
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.locale = locale
        self.timeZone = timeZone
    }
}

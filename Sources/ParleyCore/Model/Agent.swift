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

    public init(id: Int64, shopID: ShopID, email: String, name: String, role: AgentRole, createdAt: Date) {
        self.id = id
        self.shopID = shopID
        self.email = email
        self.name = name
        self.role = role
        self.createdAt = createdAt
    }
}

import Foundation

/// A named group of a shop's agents that conversations can belong to.
public struct Team: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let name: String
    /// Its agents, by id.
    public var memberIDs: [Int64]

    public init(id: Int64, shopID: ShopID, name: String, memberIDs: [Int64]) {
        self.id = id
        self.shopID = shopID
        self.name = name
        self.memberIDs = memberIDs
    }
}

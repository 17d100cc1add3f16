import Foundation

/// A help article of a shop's knowledge base, in one language, its body in Markdown.
public struct Article: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        /// Seen only by the shop's staff.
        case draft
        /// On the help page, and what the assistant answers from.
        case published
    }

    public let id: Int64
    public let shopID: ShopID
    public let publicID: String
    public var locale: String
    public var category: String?
    public var title: String
    public var body: String
    public var status: Status
    public let createdAt: Date
    public var updatedAt: Date
    public var publishedAt: Date?

    public init(
        id: Int64, shopID: ShopID, publicID: String, locale: String, category: String?, title: String, body: String,
        status: Status, createdAt: Date, updatedAt: Date, publishedAt: Date?
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.locale = locale
        self.category = category
        self.title = title
        self.body = body
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.publishedAt = publishedAt
    }
}

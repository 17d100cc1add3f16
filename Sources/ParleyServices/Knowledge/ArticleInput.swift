import Foundation
import ParleyCore
import ParleyStore

/// What a shop's staff write into or change in a knowledge-base article; nil keeps what is there.
public struct ArticleInput: Sendable {
    public var locale: String?
    /// "" removes the category.
    public var category: String?
    public var title: String?
    public var body: String?
    public var status: Article.Status?

    public init(locale: String? = nil, category: String? = nil, title: String? = nil, body: String? = nil, status: Article.Status? = nil) {
        self.locale = locale
        self.category = category
        self.title = title
        self.body = body
        self.status = status
    }
}

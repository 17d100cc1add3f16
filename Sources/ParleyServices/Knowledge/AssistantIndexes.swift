import Foundation
import ParleyCore
import ParleyStore

/// The passage indexes of each shop's published articles, one per language, kept between questions
/// and rebuilt when the articles change.
///
/// Cutting and stemming a few hundred articles takes tens of milliseconds; checking that they are
/// unchanged is one small query. The check runs on every question, so an article published on
/// another node is answered from at once.
public actor AssistantIndexes {
    private var shops: [ShopID: (version: String, indexes: [String: PassageIndex])] = [:]
    /// How many shops are kept; the least recently built goes first.
    private let capacity: Int
    private var order: [ShopID] = []

    public init(capacity: Int = 200) {
        self.capacity = capacity
    }

    /// The indexes of `shop` by language (`pl`, `en`…), current as of `database`.
    public func indexes(shop: ShopID, database: ParleyDatabase) async throws -> [String: PassageIndex] {
        let version = try await database.withConnection { sql in try await ArticleRepository(sql).publishedVersion(shop: shop) }
        if let cached = shops[shop], cached.version == version { return cached.indexes }
        let articles = try await database.withConnection { sql in try await ArticleRepository(sql).published(shop: shop) }
        let indexes = Self.build(articles)
        shops[shop] = (version, indexes)
        order.removeAll { $0 == shop }
        order.append(shop)
        if order.count > capacity { shops[order.removeFirst()] = nil }
        return indexes
    }

    /// One index per language of `articles`: a Polish question is stemmed as Polish against Polish
    /// articles, and never answered from a Russian one.
    static func build(_ articles: [Article]) -> [String: PassageIndex] {
        Dictionary(grouping: articles) { language(of: $0.locale) }.mapValues { articles in
            PassageIndex(
                articles: articles.map { RetrievalArticle(id: $0.publicID, title: $0.title, body: $0.body) },
                language: TextLanguage(locale: articles[0].locale))
        }
    }

    /// The language part of a locale tag: `pl-PL` → `pl`.
    static func language(of locale: String) -> String {
        String(LocaleFallback.normalize(locale).split(separator: "-").first ?? "")
    }
}

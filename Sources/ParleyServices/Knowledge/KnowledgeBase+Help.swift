import Foundation
import ParleyCore
import ParleyStore

/// What a shop's public help page shows: its published articles in one language.
public struct HelpShelf: Sendable {
    /// The language of `articles`; nil when the shop has published nothing.
    public let locale: String?
    /// Every language the shop has published articles in, for the visitor to switch to.
    public let locales: [String]
    /// By category, then title; those without a category last.
    public let articles: [Article]
}

/// The help page's reading of the knowledge base: only published articles, never a draft.
extension KnowledgeBase {
    /// The published articles in the visitor's language (`preferred`, a tag such as `pl-PL`), else
    /// in the next language of the fallback chain the shop has articles in: the shop's default, then English.
    public func shelf(shop: Shop, preferred: String?) async throws -> HelpShelf {
        let published = try await publishedArticles(shop: shop.id)
        let locales = Set(published.map(\.locale)).sorted()
        let chain = LocaleFallback.chain(for: preferred, shopDefault: shop.defaultLocale)
        guard
            let locale = chain.first(where: { tag in published.contains { Self.speaks($0, tag) } })
                ?? locales.first
        else { return HelpShelf(locale: nil, locales: [], articles: []) }
        let articles = published.filter { Self.speaks($0, locale) }.sorted {
            switch ($0.category, $1.category) {
            case (let left?, let right?) where left != right: left.localizedStandardCompare(right) == .orderedAscending
            case (nil, _?): false
            case (_?, nil): true
            default: $0.title.localizedStandardCompare($1.title) == .orderedAscending
            }
        }
        return HelpShelf(locale: locale, locales: locales, articles: articles)
    }

    /// The published articles in `locale` that `query` finds, best first. The help page's one way
    /// of searching, so that a better retriever can take its place here alone.
    public func search(shop: ShopID, locale: String, query: String) async throws -> [Article] {
        HelpSearch.rank(try await publishedArticles(shop: shop).filter { Self.speaks($0, locale) }, query: query)
    }

    /// A published article; a draft or another shop's article is not found.
    public func published(shop: ShopID, publicID: String) async throws -> Article {
        let article = try await find(shop: shop, publicID: publicID)
        guard article.status == .published else { throw ArticleError.articleNotFound(publicID) }
        return article
    }

    private func publishedArticles(shop: ShopID) async throws -> [Article] {
        try await all(shop: shop, status: .published)
    }

    /// An article in `pl-PL` is on the `pl` shelf too.
    private static func speaks(_ article: Article, _ tag: String) -> Bool {
        article.locale == tag || (!tag.contains("-") && article.locale.hasPrefix(tag + "-"))
    }
}

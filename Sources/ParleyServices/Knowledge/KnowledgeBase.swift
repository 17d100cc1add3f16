import Foundation
import ParleyCore
import ParleyStore

/// A shop's help articles: written in Markdown per language, kept as drafts until published, and
/// every change in the audit log.
public struct KnowledgeBase: Sendable {
    /// A long guide fits; a pasted book does not.
    public static let longestBody = 100_000
    /// The most articles the settings screen and the help page read at once.
    public static let shelfSize = 1_000
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func list(shop: ShopID, locale: String?, status: Article.Status?, updatedSince: Date? = nil, cursor: String?, limit: Int)
        async throws -> Page<Article>
    {
        let locale = try locale.map(Self.locale)
        return try await Page.read(cursor: cursor, limit: limit, position: \.id) { after, count in
            try await database.withConnection { sql in
                try await ArticleRepository(sql).list(
                    shop: shop, locale: locale, status: status, updatedSince: updatedSince, after: after, limit: count)
            }
        }
    }

    /// The shop's articles at once, oldest first, for the pages that group them; a shop with more
    /// than `shelfSize` shows its oldest.
    public func all(shop: ShopID, status: Article.Status? = nil) async throws -> [Article] {
        try await database.withConnection { sql in
            try await ArticleRepository(sql).list(shop: shop, locale: nil, status: status, after: nil, limit: Self.shelfSize)
        }
    }

    public func find(shop: ShopID, publicID: String) async throws -> Article {
        guard
            let article = try await database.withConnection({ sql in try await ArticleRepository(sql).find(shop: shop, publicID: publicID) }
            )
        else { throw ArticleError.articleNotFound(publicID) }
        return article
    }

    /// A new article; `title`, `body` and `locale` are required, `status` is a draft unless said.
    public func create(shop: ShopID, _ input: ArticleInput, by actor: AuditActor) async throws -> Article {
        guard let title = input.title else { throw InvalidInput(field: "title", reason: "is required") }
        guard let body = input.body else { throw InvalidInput(field: "body", reason: "is required, in Markdown") }
        guard let locale = input.locale else { throw InvalidInput(field: "locale", reason: "is required, such as pl or en") }
        let now = clock.now()
        let status = input.status ?? .draft
        let article = Article(
            id: 0, shopID: shop, publicID: OpaqueToken.make(prefix: "art_"), locale: try Self.locale(locale),
            category: try Self.category(input.category), title: try Self.title(title), body: try Self.body(body), status: status,
            createdAt: now, updatedAt: now, publishedAt: status == .published ? now : nil)
        return try await database.transaction { sql in
            let stored = try await ArticleRepository(sql).insert(article)
            try await AuditLog.append(
                shop: shop, actor, "article.created", target: stored.publicID, detail: ["title": stored.title, "status": status.rawValue],
                on: sql, at: now)
            return stored
        }
    }

    /// Changes the fields given; publishing stamps the time it went public.
    public func update(shop: ShopID, publicID: String, _ input: ArticleInput, by actor: AuditActor) async throws -> Article {
        let now = clock.now()
        return try await database.transaction { sql in
            let articles = ArticleRepository(sql)
            guard var article = try await articles.find(shop: shop, publicID: publicID) else {
                throw ArticleError.articleNotFound(publicID)
            }
            if let locale = input.locale { article.locale = try Self.locale(locale) }
            if input.category != nil { article.category = try Self.category(input.category) }
            if let title = input.title { article.title = try Self.title(title) }
            if let body = input.body { article.body = try Self.body(body) }
            if let status = input.status, status != article.status {
                article.status = status
                article.publishedAt = status == .published ? now : nil
            }
            article.updatedAt = now
            try await articles.update(article)
            try await AuditLog.append(
                shop: shop, actor, "article.changed", target: article.publicID,
                detail: ["title": article.title, "status": article.status.rawValue], on: sql, at: now)
            return article
        }
    }

    public func delete(shop: ShopID, publicID: String, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let articles = ArticleRepository(sql)
            guard let article = try await articles.find(shop: shop, publicID: publicID) else {
                throw ArticleError.articleNotFound(publicID)
            }
            try await articles.delete(shop: shop, id: article.id)
            try await AuditLog.append(
                shop: shop, actor, "article.deleted", target: publicID, detail: ["title": article.title], on: sql, at: now)
        }
    }

    private static func locale(_ tag: String) throws -> String {
        try Validation.locale(tag, field: "locale")
        return LocaleFallback.normalize(tag)
    }

    private static func title(_ text: String) throws -> String {
        let title = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !title.isEmpty, title.count <= 200 else { throw InvalidInput(field: "title", reason: "must be 1 to 200 characters") }
        guard !title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InvalidInput(field: "title", reason: "must be one line of text")
        }
        return title
    }

    private static func category(_ text: String?) throws -> String? {
        guard let category = text?.trimmingCharacters(in: .whitespacesAndNewlines), !category.isEmpty else { return nil }
        guard category.count <= 60, !category.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw InvalidInput(field: "category", reason: "must be one line of at most 60 characters")
        }
        return category
    }

    private static func body(_ text: String) throws -> String {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw InvalidInput(field: "body", reason: "is empty; write the article in Markdown")
        }
        guard text.count <= longestBody else { throw InvalidInput(field: "body", reason: "is longer than \(longestBody) characters") }
        guard !text.contains("\u{0}") else { throw InvalidInput(field: "body", reason: "holds a NUL character") }
        return text
    }
}

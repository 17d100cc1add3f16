import Foundation
import ParleyCore
import SQLKit

/// All SQL about knowledge-base articles.
public struct ArticleRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(_ article: Article) async throws -> Article {
        let row = try await sql.raw(
            """
            INSERT INTO articles (shop_id, public_id, locale, category, title, body, status, created_at, updated_at, published_at)
            VALUES (\(bind: article.shopID.rawValue), \(bind: article.publicID), \(bind: article.locale), \(bind: article.category),
                \(bind: article.title), \(bind: article.body), \(bind: article.status.rawValue), \(bind: article.createdAt),
                \(bind: article.updatedAt), \(bind: article.publishedAt))
            RETURNING id
            """
        ).first()
        guard let row, let stored = try await find(shop: article.shopID, id: try row.value("id")) else {
            throw StoreError.missingRow("inserted article")
        }
        return stored
    }

    public func update(_ article: Article) async throws {
        try await sql.raw(
            """
            UPDATE articles SET locale = \(bind: article.locale), category = \(bind: article.category), title = \(bind: article.title),
                body = \(bind: article.body), status = \(bind: article.status.rawValue), updated_at = \(bind: article.updatedAt),
                published_at = \(bind: article.publishedAt)
            WHERE shop_id = \(bind: article.shopID.rawValue) AND id = \(bind: article.id)
            """
        ).run()
    }

    public func delete(shop: ShopID, id: Int64) async throws {
        try await sql.raw("DELETE FROM articles WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").run()
    }

    public func find(shop: ShopID, id: Int64) async throws -> Article? {
        try await sql.raw("SELECT * FROM articles WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.article)
    }

    public func find(shop: ShopID, publicID: String) async throws -> Article? {
        try await sql.raw("SELECT * FROM articles WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)").first()
            .map(Self.article)
    }

    /// The shop's articles, in a language and status when given, oldest first after id `after`.
    public func list(shop: ShopID, locale: String?, status: Article.Status?, updatedSince: Date? = nil, after: Int64?, limit: Int)
        async throws -> [Article]
    {
        var query: SQLQueryString = "SELECT * FROM articles WHERE shop_id = \(bind: shop.rawValue)"
        if let updatedSince { query += " AND updated_at >= \(bind: updatedSince)" }
        if let locale { query += " AND locale = \(bind: locale)" }
        if let status { query += " AND status = \(bind: status.rawValue)" }
        if let after { query += " AND id > \(bind: after)" }
        query += " ORDER BY id LIMIT \(bind: limit)"
        return try await sql.raw(query).all().map(Self.article)
    }

    /// Every published article of the shop, in every language: what the assistant answers from.
    public func published(shop: ShopID) async throws -> [Article] {
        try await sql.raw(
            "SELECT * FROM articles WHERE shop_id = \(bind: shop.rawValue) AND status = \(bind: Article.Status.published.rawValue) ORDER BY id"
        ).all().map(Self.article)
    }

    /// What changes whenever the published articles do (one is published, edited, withdrawn or
    /// deleted): their number, the newest change and the sum of their ids.
    public func publishedVersion(shop: ShopID) async throws -> String {
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS count, MAX(updated_at) AS changed, CAST(COALESCE(SUM(id), 0) AS BIGINT) AS ids FROM articles
            WHERE shop_id = \(bind: shop.rawValue) AND status = \(bind: Article.Status.published.rawValue)
            """
        ).first()
        guard let row else { throw StoreError.missingRow("published articles") }
        let changed = try row.value("changed", as: Date?.self)
        return "\(try row.value("count", as: Int64.self)):\(changed?.timeIntervalSince1970 ?? 0):\(try row.value("ids", as: Int64.self))"
    }

    private static func article(_ row: any SQLRow) throws -> Article {
        guard let status = Article.Status(rawValue: try row.value("status")) else {
            throw StoreError.undecodable(column: "status", underlying: "unknown article status")
        }
        return Article(
            id: try row.value("id"), shopID: try row.shopID, publicID: try row.value("public_id"), locale: try row.value("locale"),
            category: try row.value("category"), title: try row.value("title"), body: try row.value("body"), status: status,
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"), publishedAt: try row.value("published_at"))
    }
}

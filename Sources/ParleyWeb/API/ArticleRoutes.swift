import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/articles`: the shop's knowledge base, articles per language in Markdown, drafts and
/// published.
struct ArticleRoutes {
    let knowledge: KnowledgeBase

    struct Resource: Encodable {
        let id: String
        let locale: String
        let category: String?
        let title: String
        let body: String
        let status: String
        let createdAt: Date
        let updatedAt: Date
        let publishedAt: Date?
        enum CodingKeys: CodingKey { case id, locale, category, title, body, status, createdAt, updatedAt, publishedAt }
        init(_ article: Article) {
            id = article.publicID
            locale = article.locale
            category = article.category
            title = article.title
            body = article.body
            status = article.status.rawValue
            createdAt = article.createdAt
            updatedAt = article.updatedAt
            publishedAt = article.publishedAt
        }

        // The contract lists `category` and `published_at` on every article, null when absent.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(locale, forKey: .locale)
            try container.encode(category, forKey: .category)
            try container.encode(title, forKey: .title)
            try container.encode(body, forKey: .body)
            try container.encode(status, forKey: .status)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(updatedAt, forKey: .updatedAt)
            try container.encode(publishedAt, forKey: .publishedAt)
        }
    }

    struct Input: Decodable {
        let locale: String?
        let category: String?
        let title: String?
        let body: String?
        let status: String?

        func article() throws -> ArticleInput {
            let status = try status.map { text in
                guard let status = Article.Status(rawValue: text) else {
                    throw InvalidInput(field: "status", reason: "must be draft or published")
                }
                return status
            }
            return ArticleInput(locale: locale, category: category, title: title, body: body, status: status)
        }
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("articles") { request, context in
            let status = try request.uri.queryParameters["status"].map { text in
                guard let status = Article.Status(rawValue: String(text)) else {
                    throw InvalidInput(field: "status", reason: "must be draft or published")
                }
                return status
            }
            let page = try await knowledge.list(
                shop: context.shop, locale: request.uri.queryParameters["locale"].map(String.init), status: status,
                updatedSince: try request.updatedSince(), cursor: request.uri.queryParameters["cursor"].map(String.init),
                limit: try request.pageLimit())
            return try APIJSON.response(ListResource(data: page.items.map(Resource.init), nextCursor: page.nextCursor))
        }
        group.post("articles") { request, context in
            var request = request
            let input = try await request.decodeJSON(Input.self, context: context)
            let created = try await knowledge.create(shop: context.shop, try input.article(), by: context.actor)
            return try APIJSON.response(Resource(created), status: .created, headers: [.location: "/api/v1/articles/\(created.publicID)"])
        }
        group.get("articles/:id") { _, context in
            try APIJSON.response(
                Resource(try await knowledge.find(shop: context.shop, publicID: try context.parameters.require("id"))))
        }
        group.patch("articles/:id") { request, context in
            var request = request
            let input = try await request.decodeJSON(Input.self, context: context)
            let updated = try await knowledge.update(
                shop: context.shop, publicID: try context.parameters.require("id"), try input.article(),
                by: context.actor)
            return try APIJSON.response(Resource(updated))
        }
        group.delete("articles/:id") { _, context in
            try await knowledge.delete(
                shop: context.shop, publicID: try context.parameters.require("id"), by: context.actor)
            return Response(status: .noContent)
        }
    }
}

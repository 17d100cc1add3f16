import Foundation
import Hummingbird
import ParleyServices
import ParleyStore

/// `/api/v1/canned-responses`: saved answers with placeholders; `GET
/// /api/v1/conversations/{id}/canned-responses/{shortcut}` writes one out for a conversation.
struct CannedResponseRoutes {
    let canned: CannedResponses

    struct Resource: Encodable {
        let id: String
        let shortcut: String
        let title: String
        let body: String
        let createdAt: Date
        let updatedAt: Date
        init(_ response: CannedResponse) {
            id = response.publicID
            shortcut = response.shortcut
            title = response.title
            body = response.body
            createdAt = response.createdAt
            updatedAt = response.updatedAt
        }
    }

    struct Request: Decodable {
        let shortcut: String?
        let title: String?
        let body: String?
    }

    struct Rendered: Encodable {
        let text: String
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("canned-responses") { request, context in
            let since = try request.updatedSince()
            let list = try await canned.list(shop: context.shop).filter { $0.updatedAt >= since ?? .distantPast }
            return try APIJSON.response(ListResource(data: list.map(Resource.init), nextCursor: nil))
        }
        group.post("canned-responses") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let created = try await canned.create(
                shop: context.shop, shortcut: body.shortcut ?? "", title: body.title ?? "", body: body.body ?? "")
            return try APIJSON.response(
                Resource(created), status: .created, headers: [.location: "/api/v1/canned-responses/\(created.publicID)"])
        }
        group.patch("canned-responses/:id") { request, context in
            var request = request
            let body = try await request.decodeJSON(Request.self, context: context)
            let updated = try await canned.update(
                shop: context.shop, publicID: try context.parameters.require("id"), shortcut: body.shortcut,
                title: body.title, body: body.body)
            return try APIJSON.response(Resource(updated))
        }
        group.delete("canned-responses/:id") { _, context in
            try await canned.delete(shop: context.shop, publicID: try context.parameters.require("id"))
            return Response(status: .noContent)
        }
        group.get("conversations/:id/canned-responses/:shortcut") { _, context in
            let text = try await canned.render(
                shop: context.shop, shortcut: try context.parameters.require("shortcut"),
                conversation: try context.parameters.require("id"), agentID: nil)
            return try APIJSON.response(Rendered(text: text))
        }
    }
}

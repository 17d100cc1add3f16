import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/api-keys`: the shop's keys, listed without their secrets, created (the key is in the
/// answer this once) and revoked by prefix.
struct ApiKeyRoutes {
    let keys: ApiKeys

    struct Resource: Encodable {
        let prefix: String
        let name: String
        let scope: String
        let createdAt: Date
        let lastUsedAt: Date?
        let expiresAt: Date?
        let revokedAt: Date?
        let status: String
        /// Only in the answer to the request that created it.
        let key: String?

        enum CodingKeys: CodingKey { case prefix, name, scope, status, key, createdAt, lastUsedAt, expiresAt, revokedAt }

        init(_ info: ApiKey, now: Date, key: String? = nil) {
            prefix = "prl_" + info.prefix
            name = info.name
            scope = info.scope.rawValue
            createdAt = info.createdAt
            lastUsedAt = info.lastUsedAt
            expiresAt = info.expiresAt
            revokedAt = info.revokedAt
            status = info.revokedAt != nil ? "revoked" : info.isLive(at: now) ? "active" : "expired"
            self.key = key
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(prefix, forKey: .prefix)
            try container.encode(name, forKey: .name)
            try container.encode(scope, forKey: .scope)
            try container.encode(status, forKey: .status)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(lastUsedAt, forKey: .lastUsedAt)
            try container.encode(expiresAt, forKey: .expiresAt)
            try container.encode(revokedAt, forKey: .revokedAt)
            try container.encodeIfPresent(key, forKey: .key)
        }
    }

    struct NewKey: Decodable {
        let name: String
        let scope: String?
        let expiresAt: Date?
    }

    let clock: any WallClock

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("api-keys") { request, context in
            let page = try await keys.list(
                shop: context.shop, since: try request.updatedSince(), cursor: request.uri.queryParameters["cursor"].map(String.init),
                limit: try request.pageLimit())
            let now = clock.now()
            return try APIJSON.response(ListResource(data: page.items.map { Resource($0, now: now) }, nextCursor: page.nextCursor))
        }
        group.post("api-keys") { request, context in
            var request = request
            let input = try await request.decodeJSON(NewKey.self, context: context, dates: APIJSON.dates)
            let scope = try input.scope.map { try APIJSON.parse(ApiKey.Scope.self, $0, field: "scope") } ?? .full
            let created = try await keys.create(
                shop: context.shop, name: input.name, scope: scope, expiresAt: input.expiresAt, by: context.actor)
            return try APIJSON.response(Resource(created.info, now: clock.now(), key: created.key), status: .created)
        }
        group.delete("api-keys/:prefix") { _, context in
            _ = try await keys.revoke(
                shop: context.shop, prefix: try context.parameters.require("prefix"), by: context.actor)
            return Response(status: .noContent)
        }
    }
}

import Foundation
import Hummingbird
import NIOCore
import ParleyCore
import ParleyServices

/// `/api/v1/audit-log`: who changed what in the shop, newest first; `/api/v1/audit-log.csv` all of it
/// for a spreadsheet.
struct AuditLogRoutes {
    let log: AuditLog

    struct Resource: Encodable {
        let at: Date
        let actor: [String: String]
        let action: String
        let target: String?
        let detail: [String: String]

        init(_ event: AuditEvent) {
            at = event.at
            var actor = ["kind": event.actor.kind.rawValue, "name": event.actor.name]
            actor["address"] = event.actor.address
            self.actor = actor
            action = event.action
            target = event.target
            detail = event.detail
        }

        enum CodingKeys: CodingKey { case at, actor, action, target, detail }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(at, forKey: .at)
            try container.encode(actor, forKey: .actor)
            try container.encode(action, forKey: .action)
            try container.encode(target, forKey: .target)
            try container.encode(detail, forKey: .detail)
        }
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("audit-log") { request, context in
            let page = try await log.list(
                shop: context.shop, since: try request.updatedSince(), cursor: request.uri.queryParameters["cursor"].map(String.init),
                limit: try request.pageLimit())
            return try APIJSON.response(ListResource(data: page.items.map(Resource.init), nextCursor: page.nextCursor))
        }
        group.get("audit-log.csv") { _, context in
            let shop = context.shop
            let csv = try await log.csv(shop: shop)
            try await log.record(shop: shop, context.actor, "audit_log.exported")
            return CSVResponse.make(csv, filename: "audit-log.csv")
        }
    }
}

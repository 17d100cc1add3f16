import Foundation
import Hummingbird
import ParleyServices
import ParleyStore

/// `/api/v1/suppressions`: email addresses that bounced for good, which automatic mail skips;
/// `DELETE /api/v1/suppressions/{address}` lets mail go to an address again.
struct SuppressionRoutes {
    let suppressions: Suppressions

    struct Resource: Encodable {
        let address: String
        let reason: String
        let detail: String?
        let createdAt: Date
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("suppressions") { request, context in
            let page = try await suppressions.list(
                shop: context.shop, since: try request.updatedSince(), cursor: request.uri.queryParameters["cursor"].map(String.init),
                limit: try request.pageLimit())
            return try APIJSON.response(
                ListResource(
                    data: page.items.map { Resource(address: $0.address, reason: $0.reason, detail: $0.detail, createdAt: $0.createdAt) },
                    nextCursor: page.nextCursor))
        }
        group.delete("suppressions/:address") { _, context in
            let raw = try context.parameters.require("address")
            try await suppressions.lift(shop: context.shop, address: raw.removingPercentEncoding ?? raw)
            return Response(status: .noContent)
        }
    }
}

import Foundation
import Hummingbird
import ParleyServices

/// `/api/v1/customer-events`: what customers did, posted by the shop in batches (pages and products
/// viewed, searches, carts, checkouts), each stored once under the shop's own event id.
struct CustomerEventRoutes {
    let record: RecordCustomerActivity

    struct RecordedResource: Encodable {
        let accepted: Int
        let duplicates: Int
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.post("customer-events") { request, context in
            var request = request
            let body = try await request.decodeJSON(CustomerEventsRequest.self, context: context)
            let recorded = try await record(shop: context.shop, body.posted)
            return try APIJSON.response(RecordedResource(accepted: recorded.accepted, duplicates: recorded.duplicates))
        }
    }
}

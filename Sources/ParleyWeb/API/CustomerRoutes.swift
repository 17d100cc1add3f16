import Foundation
import Hummingbird
import NIOCore
import ParleyCore
import ParleyServices

/// `/api/v1/customers`: create or upsert by identity, read, list, timeline, consent changes, and a
/// customer's data on request: exported as a ZIP, or erased.
struct CustomerRoutes {
    let upsert: UpsertCustomer
    let read: ReadCustomers
    let recordConsent: RecordConsent
    let export: ExportCustomer
    let erase: EraseCustomer
    let preferences: PreferenceCentre

    /// A customer's preference centre, one-click unsubscribe and what they chose there.
    struct PreferencesResource: Encodable {
        let url: String
        let unsubscribeURL: String
        let frequency: String
        let pausedUntil: Date?
        /// The kinds of marketing the customer turned off: news, reminders, tips.
        let topicsOff: [String]
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.post("customers") { request, context in
            var request = request
            let input = try await request.decodeJSON(CustomerRequest.self, context: context).input()
            let (customer, created) = try await upsert(shop: context.shop, input, by: context.actor)
            return try APIJSON.response(
                CustomerResource(customer), status: created ? .created : .ok,
                headers: created ? [.location: "/api/v1/customers/\(customer.publicID)"] : [:])
        }
        group.get("customers") { request, context in
            let page = try await read.list(
                shop: context.shop, updatedSince: try request.updatedSince(),
                cursor: request.uri.queryParameters["cursor"].map(String.init),
                limit: try request.pageLimit())
            return try APIJSON.response(ListResource(data: page.items.map(CustomerResource.init), nextCursor: page.nextCursor))
        }
        group.get("customers/:id") { _, context in
            let customer = try await read.customer(shop: context.shop, publicID: try context.parameters.require("id"))
            return try APIJSON.response(CustomerResource(customer))
        }
        group.get("customers/:id/export") { _, context in
            let id = try context.parameters.require("id")
            let zip = try await export(shop: context.shop, customer: id, by: context.actor)
            return Response(
                status: .ok,
                headers: [
                    .contentType: "application/zip", .contentDisposition: "attachment; filename=\"\(id).zip\"", .cacheControl: "no-store",
                ],
                body: .init(byteBuffer: ByteBuffer(bytes: zip)))
        }
        group.delete("customers/:id") { _, context in
            let id = try context.parameters.require("id")
            try await erase.request(shop: context.shop, customer: id, by: context.actor)
            return try APIJSON.response(["id": id, "status": "erasing"], status: .accepted)
        }
        group.get("customers/:id/timeline") { request, context in
            let page = try await read.timeline(
                shop: context.shop, publicID: try context.parameters.require("id"),
                cursor: request.uri.queryParameters["cursor"].map(String.init), limit: try request.pageLimit())
            return try APIJSON.response(ListResource(data: page.items.map(TimelineEventResource.init), nextCursor: page.nextCursor))
        }
        group.get("customers/:id/preferences") { _, context in
            let links = try await preferences.links(shop: context.shop, customer: try context.parameters.require("id"))
            return try APIJSON.response(
                PreferencesResource(
                    url: links.url, unsubscribeURL: links.unsubscribeURL, frequency: links.preferences.frequency.rawValue,
                    pausedUntil: links.preferences.pausedUntil, topicsOff: links.preferences.topicsOff.map(\.rawValue).sorted()))
        }
        group.post("customers/:id/consents") { request, context in
            var request = request
            let body = try await request.decodeJSON(ConsentRequest.self, context: context)
            let customer = try await recordConsent(
                shop: context.shop, customer: try context.parameters.require("id"),
                channel: try APIJSON.parse(Channel.self, body.channel, field: "channel"),
                purpose: try body.purpose.map { try APIJSON.parse(Consent.Purpose.self, $0, field: "purpose") } ?? .marketing,
                status: try APIJSON.parse(Consent.Status.self, body.status, field: "status"), source: body.source,
                by: context.actor)
            return try APIJSON.response(CustomerResource(customer))
        }
    }
}

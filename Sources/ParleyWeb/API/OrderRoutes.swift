import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/orders`: orders from any platform, for shops whose platform has no webhook adapter.
struct OrderRoutes {
    let ingest: IngestOrderEvent
    let read: ReadOrders
    let links: TrackingLinks
    let clock: any WallClock

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.post("orders") { request, context in
            var request = request
            let shop = context.shop
            let event = try await request.decodeJSON(OrderRequest.self, context: context, dates: APIJSON.dates).event(now: clock.now())
            switch try await ingest(shop: shop, event) {
            case .created(let order):
                return try APIJSON.response(
                    try await resource(shop: shop, order: order.publicID), status: .created,
                    headers: [.location: "/api/v1/orders/\(order.publicID)"])
            case .advanced(let order, _), .unchanged(let order):
                return try APIJSON.response(try await resource(shop: shop, order: order.publicID))
            case .replayed:
                throw HTTPError(.conflict, message: "this order was posted before")
            }
        }
        group.get("orders") { request, context in
            let page = try await read.list(
                shop: context.shop, updatedSince: try request.updatedSince(),
                cursor: request.uri.queryParameters["cursor"].map(String.init), limit: try request.pageLimit())
            var data: [OrderResource] = []
            for details in page.items {
                data.append(OrderResource(details, trackingPage: try await links.url(shop: details.shop, order: details.order.publicID)))
            }
            return try APIJSON.response(ListResource(data: data, nextCursor: page.nextCursor))
        }
        group.get("orders/:id") { _, context in
            try APIJSON.response(
                try await resource(shop: context.shop, order: try context.parameters.require("id")))
        }
        group.post("orders/:id/events") { request, context in
            var request = request
            let shop = context.shop
            let body = try await request.decodeJSON(OrderEventRequest.self, context: context, dates: APIJSON.dates)
            let current = try await read.details(shop: shop, publicID: try context.parameters.require("id"))
            guard let externalID = current.order.externalID else { throw OrderError.orderNotFound(current.order.publicID) }
            let event = OrderEvent(
                source: "api", eventID: body.eventID, externalOrderID: externalID, number: nil,
                stage: try APIJSON.parse(OrderStage.self, body.stage, field: "stage"), occurredAt: body.occurredAt ?? clock.now(),
                customer: OrderCustomer(), currency: nil, totalMinor: nil, items: [], shipment: body.shipment?.shipment)
            _ = try await ingest(shop: shop, event)
            return try APIJSON.response(try await resource(shop: shop, order: current.order.publicID))
        }
    }

    private func resource(shop: ShopID, order publicID: String) async throws -> OrderResource {
        let details = try await read.details(shop: shop, publicID: publicID)
        return OrderResource(details, trackingPage: try await links.url(shop: details.shop, order: publicID))
    }
}

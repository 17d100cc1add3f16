import Foundation
import HTTPTypes
import Hummingbird
import ParleyServices

/// `POST /widget/v1/{shop}/events`: the widget's browsing history, sent only after the page said
/// the visitor consented (docs/live-chat.md, "Browsing history"). Public like the rest of the
/// widget: any origin, no cookies, rate-limited by address.
struct WidgetEventRoutes {
    struct Body: Decodable {
        var token: String?
        var consent: Bool?
        var events: [CustomerEventInput]
    }

    struct Answer: Encodable {
        var recorded: Int
        var token: String?
    }

    /// A batch of 20 events with a full cart fits many times over; more is not a browser.
    static let bodyLimit = 32 << 10

    let record: RecordCustomerEvents
    let findShop: FindShop

    func register(on router: Router<ParleyRequestContext>) {
        router.post("widget/v1/:shop/events") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            var request = request
            let body = try await request.decodeJSON(Body.self, context: context, limit: Self.bodyLimit, plainText: true)
            let recorded = try await record(shop: shop, token: body.token, consent: body.consent, events: body.events)
            return try APIJSON.response(
                Answer(recorded: recorded.count, token: recorded.issuedToken), status: .accepted,
                headers: [.accessControlAllowOrigin: "*", .cacheControl: "no-store"])
        }
    }
}

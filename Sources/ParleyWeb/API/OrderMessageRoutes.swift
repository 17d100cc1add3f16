import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/orders/{id}/messages/preview`: the order update a customer would get, rendered, not sent.
struct OrderMessageRoutes {
    let preview: PreviewOrderMessage

    struct PreviewResource: Encodable {
        struct Segments: Encodable {
            let encoding: String
            let count: Int
            let units: Int
            let remaining: Int
        }
        let locale: String
        let subject: String
        let html: String
        let text: String
        let sms: String
        let smsSegments: Segments
        enum CodingKeys: String, CodingKey {
            case locale, subject, html, text, sms
            case smsSegments = "sms_segments"
        }
    }

    func register(on group: RouterGroup<ParleyRequestContext>) {
        group.get("orders/:id/messages/preview") { request, context in
            let query = request.uri.queryParameters
            let message = try await preview(
                shop: try context.requireShop(), order: try context.parameters.require("id"),
                stage: try query["stage"].map { try APIJSON.parse(OrderStage.self, String($0), field: "stage") },
                locale: query["locale"].map(String.init))
            let segments = message.smsSegments
            return try APIJSON.response(
                PreviewResource(
                    locale: message.locale, subject: message.subject, html: message.html, text: message.text, sms: message.sms,
                    smsSegments: .init(
                        encoding: segments.encoding.rawValue, count: segments.count, units: segments.units, remaining: segments.remaining)))
        }
    }
}

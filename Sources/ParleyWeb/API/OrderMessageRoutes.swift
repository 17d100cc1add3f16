import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// The order update a customer would get: rendered (`/api/v1/orders/{id}/messages/preview`), sent to
/// staff as a test (`…/messages/test`); and any message with its delivery history (`/api/v1/messages/{id}`).
struct OrderMessageRoutes {
    let preview: PreviewOrderMessage
    let testSend: TestSendOrderMessage
    let read: ReadMessages

    struct TestSendRequest: Decodable {
        let channel: Channel
        let to: String
        let stage: OrderStage?
        let locale: String?
    }

    struct MessageWithEvents: Encodable {
        struct Event: Encodable {
            let status: String
            let detail: String?
            let occurredAt: Date
        }
        let message: MessageResource
        let events: [Event]

        func encode(to encoder: any Encoder) throws {
            try message.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(events, forKey: .events)
        }
        enum CodingKeys: CodingKey { case events }
    }

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
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("orders/:id/messages/preview") { request, context in
            let query = request.uri.queryParameters
            let message = try await preview(
                shop: context.shop, order: try context.parameters.require("id"),
                stage: try query["stage"].map { try APIJSON.parse(OrderStage.self, String($0), field: "stage") },
                locale: query["locale"].map(String.init))
            let segments = message.smsSegments
            return try APIJSON.response(
                PreviewResource(
                    locale: message.locale, subject: message.subject, html: message.html, text: message.text, sms: message.sms,
                    smsSegments: .init(
                        encoding: segments.encoding.rawValue, count: segments.count, units: segments.units, remaining: segments.remaining)))
        }
        group.post("orders/:id/messages/test") { request, context in
            var request = request
            let body = try await request.decodeJSON(TestSendRequest.self, context: context)
            let message = try await testSend(
                shop: context.shop, order: try context.parameters.require("id"), channel: body.channel, to: body.to,
                stage: body.stage, locale: body.locale)
            return try APIJSON.response(MessageResource(message), status: .accepted)
        }
        group.get("messages/:id") { _, context in
            let (message, events) = try await read.message(shop: context.shop, publicID: try context.parameters.require("id"))
            return try APIJSON.response(
                MessageWithEvents(
                    message: MessageResource(message),
                    events: events.map { .init(status: $0.status.rawValue, detail: $0.detail, occurredAt: $0.occurredAt) }))
        }
    }
}

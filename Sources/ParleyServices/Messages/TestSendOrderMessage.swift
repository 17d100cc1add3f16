import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Sends the order update a customer would get to an address staff choose, through the shop's real
/// transport: to see it in a real inbox or on a real phone before customers do. It is queued and
/// tracked like any message, but belongs to no order, so the order's own history stays true.
public struct TestSendOrderMessage: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let preview: PreviewOrderMessage

    public init(database: ParleyDatabase, clock: any WallClock, preview: PreviewOrderMessage) {
        self.database = database
        self.clock = clock
        self.preview = preview
    }

    public func callAsFunction(
        shop: ShopID, order publicID: String, channel: Channel, to recipient: String, stage: OrderStage?, locale: String?
    ) async throws -> OutboundMessage {
        let address: String
        switch channel {
        case .email:
            guard let parsed = try? EmailAddress(parsing: recipient) else {
                throw InvalidInput(field: "to", reason: "is not an email address")
            }
            address = parsed.addrSpec
        case .sms:
            guard let phone = try? Identity.normalized(.phone, recipient) else {
                throw InvalidInput(field: "to", reason: "is not a phone number; use the international form, +48 601 234 567")
            }
            address = phone.value
        }
        let rendered = try await preview(shop: shop, order: publicID, stage: stage, locale: locale)
        let now = clock.now()
        return try await database.transaction { sql in
            guard let order = try await OrderRepository(sql).find(shop: shop, publicID: publicID) else {
                throw OrderError.orderNotFound(publicID)
            }
            let message = NewMessage(
                customerID: order.customerID, orderID: nil, channel: channel, topic: "test.order.\((stage ?? order.stage).rawValue)",
                locale: rendered.locale, recipient: address, subject: channel == .email ? rendered.subject : nil,
                text: channel == .email ? rendered.text : rendered.sms, html: channel == .email ? rendered.html : nil, messageID: nil,
                dedupeKey: nil)
            guard
                let stored = try await MessageRepository(sql).insert(
                    shop: shop, publicID: OpaqueToken.make(prefix: "msg_"), message, now: now)
            else { throw OrderError.testMessageNotQueued }
            try await SendMessage.enqueue(stored, on: sql, now: now)
            return stored
        }
    }
}

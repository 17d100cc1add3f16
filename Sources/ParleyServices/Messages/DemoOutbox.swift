import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// The demo's stand-in for a mail server and an SMS provider: keeps what would have been sent in
/// the shop's outbox, where the agent application shows it (like a mail catcher), and reports it
/// taken, so a new user sees every answer and order update without configuring anything.
public struct DemoOutbox: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// A mail transport that keeps `shop`'s mail.
    public func email(shop: ShopID) -> any EmailTransport { Mail(outbox: self, shop: shop) }

    /// An SMS transport that keeps `shop`'s texts.
    public func sms(shop: ShopID) -> any SMSTransport { Texts(outbox: self, shop: shop) }

    /// A page of the shop's outbox, newest first.
    public func list(shop: ShopID, cursor: String?, limit: Int) async throws -> Page<OutboxEntry> {
        try await Page.read(cursor: cursor, limit: limit, position: \.id) { before, count in
            try await database.withConnection { sql in try await OutboxRepository(sql).list(shop: shop, before: before, limit: count) }
        }
    }

    /// One kept message.
    public func entry(shop: ShopID, id: Int64) async throws -> OutboxEntry {
        let found = try await database.withConnection { sql in try await OutboxRepository(sql).find(shop: shop, id: id) }
        guard let found else { throw MessageError.outboxMessageNotFound(String(id)) }
        return found
    }

    fileprivate func keep(shop: ShopID, channel: Channel, recipient: String, subject: String?, body: String, raw: [UInt8]?) async throws
        -> Int64
    {
        let now = clock.now()
        return try await database.withConnection { sql in
            try await OutboxRepository(sql).insert(
                shop: shop, channel: channel, recipient: recipient, subject: subject, body: body, raw: raw, now: now)
        }
    }

    private struct Mail: EmailTransport {
        let outbox: DemoOutbox
        let shop: ShopID

        func send(_ envelope: MailEnvelope) async throws -> DeliveryReceipt {
            let mail = MailParser.parse(envelope.message)
            let id = try await outbox.keep(
                shop: shop, channel: .email, recipient: envelope.recipients.joined(separator: ", "), subject: mail.subject,
                body: mail.text ?? "", raw: envelope.message)
            return DeliveryReceipt(response: "kept in the demo outbox as \(id)")
        }
    }

    private struct Texts: SMSTransport {
        let outbox: DemoOutbox
        let shop: ShopID

        func send(_ sms: OutgoingSMS) async throws -> SMSReceipt {
            let id = try await outbox.keep(shop: shop, channel: .sms, recipient: sms.to, subject: nil, body: sms.body, raw: nil)
            return SMSReceipt(providerMessageID: "outbox-\(id)", response: "kept in the demo outbox as \(id)")
        }
    }
}

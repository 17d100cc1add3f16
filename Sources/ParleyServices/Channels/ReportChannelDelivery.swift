import Foundation
import ParleyCore
import ParleyStore

/// What a bridge reports about a reply it passed on: delivered to the customer's device (or read),
/// or failed on the messenger, with the reason. Agents see it on the reply; webhooks hear of it.
public struct ReportChannelDelivery: Sendable {
    public enum Report: String, Sendable, CaseIterable {
        case delivered, read, failed
    }

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Returns the reply's delivery as it stands afterwards. A report that comes too late to change
    /// anything (delivered after delivered) changes nothing and is no error: bridges repeat themselves.
    public func callAsFunction(shop: ShopID, channel publicID: String, message messageID: String, _ report: Report, reason: String?)
        async throws -> OutboundMessage
    {
        if let reason { try Validation.text(reason, field: "error", limit: 1000, multiline: true) }
        let now = clock.now()
        return try await database.transaction { sql in
            let channel = try await ApiChannels.channel(shop: shop, publicID: publicID, on: sql)
            let messages = MessageRepository(sql)
            guard let message = try await messages.find(shop: shop, publicID: messageID) else {
                throw ApiChannelError.messageNotFound(messageID)
            }
            guard let conversationID = message.thread?.conversationID,
                try await ApiChannelRepository(sql).channel(shop: shop, conversationID: conversationID)?.id == channel.id
            else { throw ApiChannelError.notAReply(messageID) }
            switch report {
            case .delivered, .read:
                try await sql.transition(message, to: .delivered, detail: "the bridge reported it \(report.rawValue)", now: now)
            case .failed:
                try await sql.transition(message, to: .failed, detail: reason ?? "the bridge reported it failed", now: now)
            }
            return try await messages.find(shop: shop, id: message.id) ?? message
        }
    }
}

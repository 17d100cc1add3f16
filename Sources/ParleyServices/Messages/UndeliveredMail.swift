import Foundation
import ParleyCore
import ParleyStore

/// What did not reach customers, for the agents' screen of mail problems: messages that failed or
/// bounced (with a retry), held incoming mail, and suppressed addresses.
public struct UndeliveredMail: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The latest messages that failed, bounced or had no way to the customer, newest first.
    public func failed(shop: ShopID, limit: Int = 50) async throws -> [OutboundMessage] {
        try await database.withConnection { sql in
            try await MessageRepository(sql).list(shop: shop, statuses: [.failed, .bounced, .unreachable], limit: limit)
        }
    }

    /// Tries a failed message again; a message that is not failed (any more) is left as it is.
    @discardableResult
    public func retry(shop: ShopID, message publicID: String) async throws -> OutboundMessage {
        let now = clock.now()
        return try await database.transaction { sql in
            let messages = MessageRepository(sql)
            guard let message = try await messages.find(shop: shop, publicID: publicID) else {
                throw MessageError.messageNotFound(publicID)
            }
            guard let queued = try await messages.requeue(shop: shop, id: message.id, now: now) else {
                throw MessageError.notFailed(publicID, status: message.status.rawValue)
            }
            // A reply on an API channel goes to its bridge, everything else through the shop's transports.
            if queued.channel == nil, let conversationID = queued.thread?.conversationID,
                try await ApiChannelRepository(sql).channel(shop: shop, conversationID: conversationID) != nil
            {
                try await DeliverChannelMessage.enqueue(queued, at: now, on: sql, now: now)
            } else {
                try await SendMessage.enqueueAgain(queued, on: sql, now: now)
            }
            return queued
        }
    }
}

import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Reads messages for the API: one message with the history of its delivery state.
public struct ReadMessages: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    public func message(shop: ShopID, publicID: String) async throws -> (message: OutboundMessage, events: [MessageEvent]) {
        try await database.withConnection { sql in
            let messages = MessageRepository(sql)
            guard let message = try await messages.find(shop: shop, publicID: publicID) else {
                throw MessageError.messageNotFound(publicID)
            }
            return (message, try await messages.events(shop: shop, messageID: message.id))
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// An internal note in a conversation: seen by agents, never sent to the customer.
public struct AddNote: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(shop: ShopID, conversation publicID: String, agentID: Int64?, text: String) async throws
        -> ConversationMessage
    {
        let body = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty else { throw AddNoteError.emptyText }
        try Validation.text(body, field: "text", limit: Validation.Limit.text, multiline: true)
        let now = clock.now()
        return try await database.transaction { sql in
            guard let conversation = try await ConversationRepository(sql).find(shop: shop, publicID: publicID) else {
                throw AddNoteError.conversationNotFound(publicID)
            }
            return try await sql.insertMessage(
                shop: shop, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
                NewConversationMessage(kind: .note, channel: conversation.channel, agentID: agentID, text: body, bodyText: body),
                now: now)
        }
    }
}

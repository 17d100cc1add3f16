import Foundation
import ParleyCore
import SQLKit

/// All SQL about API channels, the bridge's message ids, and which conversation is on which channel.
public struct ApiChannelRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(shop: ShopID, publicID: String, name: String, webhookURL: String, secret: String, now: Date) async throws
        -> ApiChannel
    {
        try await sql.raw(
            """
            INSERT INTO api_channels (shop_id, public_id, name, webhook_url, secret, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: name), \(bind: webhookURL), \(bind: secret), \(bind: now), \(bind: now))
            """
        ).run()
        guard let stored = try await find(shop: shop, publicID: publicID) else { throw StoreError.missingRow("API channel") }
        return stored
    }

    public func update(_ channel: ApiChannel, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE api_channels SET name = \(bind: channel.name), webhook_url = \(bind: channel.webhookURL), secret = \(bind: channel.secret),
                previous_secret = \(bind: channel.previousSecret), previous_secret_expires_at = \(bind: channel.previousSecretExpiresAt),
                updated_at = \(bind: now)
            WHERE shop_id = \(bind: channel.shopID.rawValue) AND id = \(bind: channel.id)
            """
        ).run()
    }

    public func find(shop: ShopID, publicID: String) async throws -> ApiChannel? {
        try await sql.raw("SELECT * FROM api_channels WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.channel)
    }

    public func find(shop: ShopID, id: Int64) async throws -> ApiChannel? {
        try await sql.raw("SELECT * FROM api_channels WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(
            Self.channel)
    }

    public func list(shop: ShopID) async throws -> [ApiChannel] {
        try await sql.raw("SELECT * FROM api_channels WHERE shop_id = \(bind: shop.rawValue) ORDER BY created_at, id").all().map(
            Self.channel)
    }

    /// Claims the bridge's id `externalID` for a message; false when the channel has it already.
    public func claim(channelID: Int64, externalID: String, now: Date) async throws -> Bool {
        let rows = try await sql.raw(
            """
            INSERT INTO api_channel_messages (channel_id, external_id, conversation_message_id, created_at)
            VALUES (\(bind: channelID), \(bind: externalID), 0, \(bind: now))
            ON CONFLICT (channel_id, external_id) DO NOTHING RETURNING channel_id
            """
        ).all()
        return !rows.isEmpty
    }

    /// Links a claimed id to the message it became.
    public func link(channelID: Int64, externalID: String, conversationMessageID: Int64) async throws {
        try await sql.raw(
            """
            UPDATE api_channel_messages SET conversation_message_id = \(bind: conversationMessageID)
            WHERE channel_id = \(bind: channelID) AND external_id = \(bind: externalID)
            """
        ).run()
    }

    /// The message the bridge's id became, once claimed and linked.
    public func message(channelID: Int64, externalID: String) async throws -> Int64? {
        try await sql.raw(
            """
            SELECT conversation_message_id FROM api_channel_messages WHERE channel_id = \(bind: channelID) AND external_id = \(bind: externalID)
            """
        ).first().map { try $0.value("conversation_message_id", as: Int64.self) }.flatMap { $0 == 0 ? nil : $0 }
    }

    /// Puts a conversation on the channel.
    public func assign(shop: ShopID, conversationID: Int64, channelID: Int64) async throws {
        try await sql.raw(
            "UPDATE conversations SET api_channel_id = \(bind: channelID) WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: conversationID)"
        ).run()
    }

    /// The channel a conversation is on, if any.
    public func channel(shop: ShopID, conversationID: Int64) async throws -> ApiChannel? {
        try await sql.raw(
            """
            SELECT api_channels.* FROM api_channels JOIN conversations ON conversations.api_channel_id = api_channels.id
            WHERE conversations.shop_id = \(bind: shop.rawValue) AND conversations.id = \(bind: conversationID)
            """
        ).first().map(Self.channel)
    }

    /// The customer's latest conversation on the channel.
    public func latestConversation(shop: ShopID, customerID: Int64, channelID: Int64) async throws -> Int64? {
        try await sql.raw(
            """
            SELECT id FROM conversations WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)
                AND api_channel_id = \(bind: channelID) AND merged_into_id IS NULL
            ORDER BY last_message_at DESC, id DESC LIMIT 1
            """
        ).first().map { try $0.value("id", as: Int64.self) }
    }

    private static func channel(_ row: any SQLRow) throws -> ApiChannel {
        ApiChannel(
            id: try row.value("id"), publicID: try row.value("public_id"), shopID: try row.shopID, name: try row.value("name"),
            webhookURL: try row.value("webhook_url"), secret: try row.value("secret"), previousSecret: try row.value("previous_secret"),
            previousSecretExpiresAt: try row.value("previous_secret_expires_at"), createdAt: try row.value("created_at"),
            updatedAt: try row.value("updated_at"))
    }
}

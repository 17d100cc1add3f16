import Foundation
import ParleyCore
import ParleyStore

/// A shop's API channels: made, renamed, pointed at another bridge URL, given a new secret.
public struct ApiChannels: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let webhooks: ManageWebhooks

    public init(database: ParleyDatabase, clock: any WallClock, policy: NetworkAddressPolicy = .init()) {
        self.database = database
        self.clock = clock
        webhooks = ManageWebhooks(database: database, clock: clock, policy: policy)
    }

    public func list(shop: ShopID) async throws -> [ApiChannel] {
        try await database.read { session in try await ApiChannelRepository(session).list(shop: shop) }
    }

    public func find(shop: ShopID, publicID: String) async throws -> ApiChannel {
        try await database.read { session in try await Self.channel(shop: shop, publicID: publicID, on: session) }
    }

    /// A new channel whose replies go to `webhookURL`, signed with the secret in the answer.
    public func create(shop: ShopID, name: String, webhookURL: String, by actor: AuditActor) async throws -> ApiChannel {
        let name = try Self.validatedName(name)
        let url = try webhooks.validatedURL(webhookURL, field: "webhook_url")
        let now = clock.now()
        return try await database.transaction { session in
            let channel = try await ApiChannelRepository(session).insert(
                shop: shop, publicID: OpaqueToken.make(prefix: "chn_"), name: name, webhookURL: url,
                secret: StandardWebhookSignature.newSecret(), now: now)
            try await AuditLog.append(
                shop: shop, actor, "api_channel.created", target: channel.publicID, detail: ["name": name, "webhook_url": url],
                on: session, at: now)
            return channel
        }
    }

    public func update(shop: ShopID, publicID: String, name: String?, webhookURL: String?, by actor: AuditActor) async throws -> ApiChannel
    {
        let name = try name.map(Self.validatedName)
        let url = try webhookURL.map { try webhooks.validatedURL($0, field: "webhook_url") }
        let now = clock.now()
        return try await database.transaction { session in
            var channel = try await Self.channel(shop: shop, publicID: publicID, on: session)
            if let name { channel.name = name }
            if let url { channel.webhookURL = url }
            try await ApiChannelRepository(session).update(channel, now: now)
            try await AuditLog.append(
                shop: shop, actor, "api_channel.updated", target: publicID,
                detail: ["name": channel.name, "webhook_url": channel.webhookURL],
                on: session, at: now)
            return channel
        }
    }

    /// A new secret signs from now on; the old one signs beside it for a day.
    public func rotateSecret(shop: ShopID, publicID: String, by actor: AuditActor) async throws -> ApiChannel {
        let now = clock.now()
        return try await database.transaction { session in
            var channel = try await Self.channel(shop: shop, publicID: publicID, on: session)
            channel.rotate(to: StandardWebhookSignature.newSecret(), at: now, grace: ManageWebhooks.rotationGrace)
            try await ApiChannelRepository(session).update(channel, now: now)
            try await AuditLog.append(shop: shop, actor, "api_channel.secret_rotated", target: publicID, on: session, at: now)
            return channel
        }
    }

    static func channel(shop: ShopID, publicID: String, on session: DatabaseSession) async throws -> ApiChannel {
        guard let channel = try await ApiChannelRepository(session).find(shop: shop, publicID: publicID) else {
            throw ApiChannelError.channelNotFound(publicID)
        }
        return channel
    }

    static func validatedName(_ raw: String) throws -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80 else {
            throw InvalidInput(field: "name", reason: "name the channel in 1 to 80 characters, such as WhatsApp")
        }
        return name
    }
}

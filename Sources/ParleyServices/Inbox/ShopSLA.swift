import ParleyCore
import ParleyStore

/// A shop's SLA policy as its settings stand now.
enum ShopSLA {
    /// The targets for a conversation of `priority`; `nil` when the shop sets none for it.
    static func policy(shop: ShopID, priority: ConversationPriority, on sql: DatabaseSession) async throws -> SLAPolicy? {
        // A customer's every message asks; most shops set no target, and then one small read answers.
        try await policy(
            shop: shop, priority: priority, settings: try await ShopSettingsRepository(sql).values(shop: shop, keys: SLAPolicy.settingKeys),
            on: sql)
    }

    /// The same, from the shop's `settings` read already.
    static func policy(shop: ShopID, priority: ConversationPriority, settings: [String: String], on sql: DatabaseSession)
        async throws -> SLAPolicy?
    {
        guard SLAPolicy.targetKeys.contains(where: { settings[$0] != nil }),
            let found = try await ShopRepository(sql).find(id: shop)
        else { return nil }
        return SLAPolicy(settings: settings, timeZone: found.timeZone, priority: priority)
    }
}

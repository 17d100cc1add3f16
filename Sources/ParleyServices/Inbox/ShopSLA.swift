import ParleyCore
import ParleyStore
import SQLKit

/// A shop's SLA policy as its settings stand now.
enum ShopSLA {
    /// The targets for a conversation of `priority`; `nil` when the shop sets none for it.
    static func policy(shop: ShopID, priority: ConversationPriority, on sql: any SQLDatabase) async throws -> SLAPolicy? {
        guard let found = try await ShopRepository(sql).find(id: shop) else { return nil }
        return SLAPolicy(settings: try await ShopSettingsRepository(sql).all(shop: shop), timeZone: found.timeZone, priority: priority)
    }
}

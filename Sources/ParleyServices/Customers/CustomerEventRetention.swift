import Foundation
import ParleyCore
import ParleyStore

/// Deletes what customers did (page and product views, searches, carts) once it is older than the
/// shop keeps it (`events.retention`, a year unless set, never under 30 days so that flows and
/// segments keep what they read), a thousand at a time so the writer is never held long.
public struct CustomerEventRetention: Sendable {
    public static let defaultRetention: TimeInterval = 365 * 86400
    public static let shortest: TimeInterval = 30 * 86400

    private let database: ParleyDatabase

    public init(database: ParleyDatabase) {
        self.database = database
    }

    /// How long a shop keeps events, given its setting.
    public static func retention(_ setting: String?) -> TimeInterval {
        max(setting.flatMap(DurationText.seconds).map(TimeInterval.init) ?? defaultRetention, shortest)
    }

    /// Returns how many events were deleted.
    @discardableResult
    public func prune(now: Date) async throws -> Int {
        var deleted = 0
        for shop in try await database.withConnection({ sql in try await ShopRepository(sql).ids() }) {
            let setting = try await database.withConnection { sql in
                try await ShopSettingsRepository(sql).value(shop: shop, key: ShopSetting.Key.eventsRetention.rawValue)
            }
            let cutoff = now - Self.retention(setting)
            var pruned = 0
            repeat {
                pruned = try await database.transaction { sql in
                    try await CustomerEventRepository(sql).prune(shop: shop, before: cutoff, limit: 1000)
                }
                deleted += pruned
                await Task.yield()
            } while pruned == 1000 && !Task.isCancelled
        }
        return deleted
    }
}

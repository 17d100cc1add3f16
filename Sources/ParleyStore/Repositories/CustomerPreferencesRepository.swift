import Foundation
import ParleyCore
import SQLKit

/// All SQL about a customer's contact preferences (frequency, pause and topics turned off).
public struct CustomerPreferencesRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The customer's choices; the defaults when they made none.
    public func find(shop: ShopID, customerID: Int64) async throws -> ContactPreferences {
        let row = try await sql.raw(
            """
            SELECT frequency, paused_until, topics_off FROM customer_preferences
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID)
            """
        ).first()
        guard let row else { return ContactPreferences() }
        return ContactPreferences(
            frequency: ContactPreferences.Frequency(rawValue: try row.value("frequency")) ?? .shop,
            pausedUntil: try row.value("paused_until"),
            topicsOff: Set(
                try row.value("topics_off", as: String.self).split(separator: ",").compactMap {
                    ContactPreferences.Topic(rawValue: String($0))
                }))
    }

    public func save(shop: ShopID, customerID: Int64, _ preferences: ContactPreferences, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO customer_preferences (shop_id, customer_id, frequency, paused_until, topics_off, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: preferences.frequency.rawValue), \(bind: preferences.pausedUntil),
                    \(bind: preferences.topicsOff.map(\.rawValue).sorted().joined(separator: ",")), \(bind: now))
            ON CONFLICT (customer_id) DO UPDATE SET
                frequency = excluded.frequency, paused_until = excluded.paused_until, topics_off = excluded.topics_off,
                updated_at = excluded.updated_at
            """
        ).run()
    }
}

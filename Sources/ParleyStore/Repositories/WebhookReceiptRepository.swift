import Foundation
import ParleyCore
import SQLKit

/// All SQL about webhook deliveries already processed.
public struct WebhookReceiptRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Records delivery `eventID` from `source`; false when it was recorded before (a replay).
    public func record(shop: ShopID, source: String, eventID: String, now: Date) async throws -> Bool {
        let row = try await sql.raw(
            """
            INSERT INTO webhook_receipts (shop_id, source, event_id, received_at)
            VALUES (\(bind: shop.rawValue), \(bind: source), \(bind: eventID), \(bind: now))
            ON CONFLICT (shop_id, source, event_id) DO NOTHING RETURNING id
            """
        ).first()
        return row != nil
    }
}

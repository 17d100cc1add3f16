import Foundation
import ParleyCore
import ParleyStore

/// What every use case that writes marketing emails needs: the database and clock, the catalogs
/// the words come from, and the preference centre each email links to.
struct MarketingWriter: Sendable {
    let database: ParleyDatabase
    let clock: any WallClock
    let catalogs: MessageCatalogs
    let preferences: PreferenceCentre

    /// What a batch of the shop's marketing emails shares, read once.
    func context(shop: Shop, on sql: DatabaseSession, now: Date) async throws -> MarketingMail.Context {
        try await MarketingMail.Context.read(shop: shop, preferences: preferences, catalogs: catalogs, on: sql, now: now)
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Reads an order for its public tracking page, behind the page's signed link; no login.
public struct ReadTrackingPage: Sendable {
    private let database: ParleyDatabase
    private let links: TrackingLinks

    /// What the page shows of the shop's settings: its contacts and its brand.
    static let publicSettings = [ShopSetting.Key.supportEmail, .supportPhone, .brandColor, .brandLogoURL].map(\.rawValue)

    public init(database: ParleyDatabase, links: TrackingLinks) {
        self.database = database
        self.links = links
    }

    /// The page for the link `/t/{shopSlug}/{order}/{signature}`; `OrderError.trackingPageNotFound` alike for a wrong shop,
    /// order or signature, so the answer tells a guesser nothing.
    public func callAsFunction(shopSlug: String, order publicID: String, signature: String) async throws -> TrackingPage {
        let notFound = OrderError.trackingPageNotFound
        guard let shop = try await database.withConnection({ sql in try await ShopRepository(sql).find(slug: shopSlug) }),
            try await links.isValid(shop: shop, order: publicID, signature: signature)
        else { throw notFound }
        return try await database.withConnection { sql in
            let orders = OrderRepository(sql)
            guard let order = try await orders.find(shop: shop.id, publicID: publicID),
                let customer = try await CustomerRepository(sql).find(shop: shop.id, id: order.customerID)
            else { throw notFound }
            let settings = try await ShopSettingsRepository(sql).all(shop: shop.id)
            return TrackingPage(
                shop: shop, order: order, items: try await orders.items(shop: shop.id, orderID: order.id),
                stages: try await orders.stageHistory(shop: shop.id, orderID: order.id).filter(\.applied),
                customerLocale: customer.locale, customerTimeZone: customer.timeZone,
                settings: settings.filter { Self.publicSettings.contains($0.key) })
        }
    }
}

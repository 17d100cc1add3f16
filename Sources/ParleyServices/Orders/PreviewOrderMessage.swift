import Foundation
import ParleyCore
import ParleyStore

/// Renders what a customer would receive for an order at a stage, without sending anything: for
/// staff checking their words, brand and languages before customers see them.
public struct PreviewOrderMessage: Sendable {
    private let database: ParleyDatabase
    private let templates: OrderMessageTemplates
    private let links: TrackingLinks

    public init(database: ParleyDatabase, templates: OrderMessageTemplates, links: TrackingLinks) {
        self.database = database
        self.templates = templates
        self.links = links
    }

    /// The message for order `publicID` at `stage` (its current one when nil), in `locale` (the customer's when nil).
    public func callAsFunction(shop: ShopID, order publicID: String, stage: OrderStage?, locale: String?) async throws -> OrderMessage {
        if let locale { try Validation.locale(locale, field: "locale") }
        var input = try await database.withConnection { sql in
            let orders = OrderRepository(sql)
            guard let order = try await orders.find(shop: shop, publicID: publicID),
                let customer = try await CustomerRepository(sql).find(shop: shop, id: order.customerID),
                let shopRecord = try await ShopRepository(sql).find(id: shop)
            else { throw NotFound("order \(publicID)") }
            return OrderMessageInput(
                shop: shopRecord, settings: try await ShopSettingsRepository(sql).all(shop: shop), customerName: customer.name,
                customerLocale: locale ?? customer.locale, order: order, items: try await orders.items(shop: shop, orderID: order.id),
                stage: stage ?? order.stage, trackingPage: nil)
        }
        input.trackingPage = try await links.url(shop: input.shop, order: publicID)
        return try templates.render(input)
    }
}

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
            else { throw OrderError.orderNotFound(publicID) }
            return OrderMessageInput(
                shop: shopRecord, settings: try await ShopSettingsRepository(sql).all(shop: shop), customerName: customer.name,
                customerLocale: locale ?? customer.locale, order: order, items: try await orders.items(shop: shop, orderID: order.id),
                stage: stage ?? order.stage, trackingPage: nil,
                custom: try await MessageTemplateRepository(sql).texts(shop: shop, stage: stage ?? order.stage))
        }
        input.trackingPage = try await links.url(shop: input.shop, order: publicID)
        return try templates.render(input)
    }

    /// The message for a sample order at `stage` in `language`, with the shop's brand, settings and
    /// texts: what staff check in every language before any real customer gets it. `replacing` stands
    /// for the shop's stored texts in `language` (a draft, checked by the caller).
    public func sample(
        shop: ShopID, stage: OrderStage, language: String, now: Date, replacing draft: OrderMessageTexts? = nil
    ) async throws -> OrderMessage {
        try Validation.locale(language, field: "locale")
        let (shopRecord, settings, stored) = try await database.withConnection {
            sql -> (Shop, [String: String], [String: OrderMessageTexts]) in
            guard let found = try await ShopRepository(sql).find(id: shop) else { throw ShopError.shopNotFound(String(shop.rawValue)) }
            return (
                found, try await ShopSettingsRepository(sql).all(shop: shop),
                try await MessageTemplateRepository(sql).texts(shop: shop, stage: stage)
            )
        }
        var custom = stored
        if let draft { custom[language] = draft }
        let order = Order(
            id: 0, shopID: shop, customerID: 0, publicID: "ord_sample", externalID: nil, number: "#1001", stage: stage,
            currency: Self.sampleCurrency[language] ?? "EUR", totalMinor: 12_900, placedAt: now, updatedAt: now,
            shipment: Shipment(carrier: "DHL", trackingNumber: "JJD000390007", trackingURL: nil))
        return try templates.render(
            OrderMessageInput(
                shop: shopRecord, settings: settings, customerName: Self.sampleNames[language] ?? "Emily Carter", customerLocale: language,
                order: order, items: [OrderItem(sku: "MUG-1", name: "Kubek / Mug", quantity: 2, unitPriceMinor: 6_450)], stage: stage,
                trackingPage: "https://example.invalid/t/sample", custom: custom))
    }

    private static let sampleNames = [
        "en": "Emily Carter", "pl": "Zofia Wójcik", "el": "Γιώργος Παπαδόπουλος", "ru": "Анна Смирнова", "hi": "प्रिया शर्मा",
    ]
    private static let sampleCurrency = ["en": "GBP", "pl": "PLN", "el": "EUR", "ru": "EUR", "hi": "INR"]
}

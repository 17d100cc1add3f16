import Foundation
import ParleyCore
import ParleyServices
import SnapshotTesting
import Testing

/// Every order update, email (subject, plain text, HTML) and SMS, at every stage in each of the five
/// languages, kept in `__Snapshots__`: a change to a template or a catalog shows up in review as the
/// text customers will read. After a deliberate change, delete the language's file and run again to
/// record it (the run that records fails once, so it is never silent).
@Suite("Order message snapshots", .snapshots(record: .missing))
struct OrderMessageSnapshotTests {
    static let placed = Date(timeIntervalSince1970: 1_795_600_000)

    static func input(language: String, stage: OrderStage) -> OrderMessageInput {
        let shop = Shop(id: ShopID(1), slug: "kubki", name: "Kubki & Co", defaultLocale: "en", timeZone: "Europe/Warsaw", createdAt: placed)
        let order = Order(
            id: 1, shopID: ShopID(1), customerID: 1, publicID: "ord_1", externalID: "shopify:1", number: "#1042", stage: stage,
            currency: "EUR", totalMinor: 4_598, placedAt: placed, updatedAt: placed,
            shipment: stage >= .shipped
                ? Shipment(carrier: "DHL", trackingNumber: "JD0146000038", trackingURL: "https://www.dhl.com/track?id=JD0146000038")
                : nil)
        return OrderMessageInput(
            shop: shop, settings: ["brand.color": "#0a7d55", "brand.signature": "Kubki & Co", "support.email": "help@kubki.example"],
            customerName: "Alex", customerLocale: language, order: order,
            items: [
                OrderItem(sku: "MUG", name: "Mug <green>", quantity: 2, unitPriceMinor: 1_299),
                OrderItem(sku: "TEA", name: "Tea, 100 g", quantity: 1, unitPriceMinor: 2_000),
            ],
            stage: stage, trackingPage: "https://parley.example/t/kubki/ord_1/signature")
    }

    @Test("each stage's email and SMS, as the customer reads them", arguments: ["en", "pl", "el", "ru", "hi"])
    func messages(language: String) async throws {
        let templates = try await OrderMessageTemplates()
        var dump = ""
        for stage in OrderStage.allCases {
            let message = try templates.render(Self.input(language: language, stage: stage))
            dump += """
                ═══ \(stage.rawValue) (\(message.locale))
                Subject: \(message.subject)
                SMS (\(message.smsSegments.encoding.rawValue), \(message.smsSegments.count) part(s)): \(message.sms)
                ─── text
                \(message.text)
                ─── html
                \(message.html)


                """
        }
        assertSnapshot(of: dump, as: .lines, named: language)
    }
}

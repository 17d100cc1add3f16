import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// What an order's public tracking page shows, in the customer's language and time zone.
struct TrackingPageModel {
    struct Stage {
        let name: String
        let done: Bool
        /// The stage the order is at now.
        let current: Bool
        /// When the stage was reached, in the reader's zone; absent for a stage passed unannounced.
        let time: String?
        /// The same moment as ISO 8601, for `<time datetime>`.
        let instant: String?
    }

    struct Parcel {
        let carrier: String?
        let trackingNumber: String?
        /// Only an http(s) address: the carrier's link comes from a webhook.
        let trackingURL: String?
        let expected: String?
    }

    struct Item {
        let name: String
        let quantity: Int
        let price: String
    }

    let brand: ShopBrand
    let number: String
    let currentStage: String
    /// Cancelled or refunded: the journey stopped.
    let ended: Bool
    let stages: [Stage]
    let parcel: Parcel?
    let items: [Item]
    let total: String
    let email: String?
    let phone: String?
    let hasContacts: Bool
    /// Which zone the times are in ("Times in Europe/Warsaw").
    let zoneNote: String

    init(_ page: TrackingPage, texts: Texts, publicURL: String, home: String) {
        let language = texts.language
        let zone = page.customerTimeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: page.shop.timeZone) ?? .gmt
        let when = Date.FormatStyle(date: .abbreviated, time: .shortened, locale: Locale(identifier: language), timeZone: zone)
        let name = { (stage: OrderStage) in texts["tracking.stages.\(stage.rawValue)"] }
        let reached = Dictionary(page.stages.map { ($0.stage, $0.occurredAt) }, uniquingKeysWith: { first, _ in first })
        let order = page.order
        let ended = [OrderStage.cancelled, .refunded].contains(order.stage)
        self.ended = ended
        // An ended order lists only the steps it really took, then how it ended.
        let shown = OrderStage.journey.filter { !ended || reached[$0] != nil } + (ended ? [order.stage] : [])
        stages = shown.map { stage in
            let time = reached[stage]
            return Stage(
                name: name(stage), done: time != nil || stage <= order.stage, current: stage == order.stage,
                time: time.map { $0.formatted(when) }, instant: time.map { $0.formatted(.iso8601) })
        }
        brand = ShopBrand(shop: page.shop, settings: page.settings, publicURL: publicURL, home: home)
        number = order.number
        currentStage = name(order.stage)
        parcel = order.shipment.map { shipment in
            Parcel(
                carrier: shipment.carrier, trackingNumber: shipment.trackingNumber,
                trackingURL: WebLink.http(shipment.trackingURL),
                expected: shipment.expectedDeliveryAt.map {
                    $0.formatted(Date.FormatStyle(date: .complete, time: .omitted, locale: Locale(identifier: language), timeZone: zone))
                })
        }
        let money = { (minor: Int64) in Currency.formatted(minor, code: order.currency, locale: language) }
        items = page.items.map { Item(name: $0.name, quantity: $0.quantity, price: money($0.unitPriceMinor * Int64($0.quantity))) }
        total = money(order.totalMinor)
        email = page.settings[.supportEmail]
        phone = page.settings[.supportPhone]
        hasContacts = email != nil || phone != nil
        zoneNote = texts.format("tracking.timesIn", ["zone": zone.identifier])
    }
}

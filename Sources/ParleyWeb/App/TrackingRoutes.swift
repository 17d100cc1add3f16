import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/t/{shop}/{order}/{signature}`: an order's public tracking page, in the customer's language, no login.
struct TrackingRoutes {
    static let journey: [OrderStage] = [.accepted, .paid, .packed, .shipped, .outForDelivery, .delivered]
    let read: ReadTrackingPage
    let views: Views

    func register(on router: Router<ParleyRequestContext>) {
        router.get("t/:shop/:order/:signature") { request, context in
            let page = try await read(
                shopSlug: try context.parameters.require("shop"), order: try context.parameters.require("order"),
                signature: try context.parameters.require("signature"))
            let language = views.localizer.language(for: page.customerLocale, acceptLanguage: request.headers[.acceptLanguage])
            let tracking = views.localizer.catalog(language)["tracking"] as? [String: Any]
            let stageNames = tracking?["stages"] as? [String: String] ?? [:]
            let when = Date.FormatStyle(
                date: .abbreviated, time: .shortened, locale: Locale(identifier: language),
                timeZone: TimeZone(identifier: page.shop.timeZone) ?? .gmt)
            let reached = Dictionary(page.stages.map { ($0.stage, $0.occurredAt) }, uniquingKeysWith: { first, _ in first })
            let ended = [OrderStage.cancelled, .refunded].contains(page.order.stage)
            var stages: [[String: Any]] = Self.journey.compactMap { stage in
                let time = reached[stage]
                // An ended order lists only the steps it really took.
                if ended && time == nil { return nil }
                return [
                    "name": stageNames[stage.rawValue] ?? stage.rawValue, "done": time != nil || stage <= page.order.stage,
                    "time": time.map { $0.formatted(when) } as Any,
                ]
            }
            if ended {
                stages.append([
                    "name": stageNames[page.order.stage.rawValue] ?? "", "done": true,
                    "time": reached[page.order.stage].map { $0.formatted(when) } as Any,
                ])
            }
            let money = { (minor: Int64) in Currency.formatted(minor, code: page.order.currency, locale: language) }
            var values: [String: Any] = [
                "shopName": page.shop.name, "number": page.order.number, "stages": stages,
                "currentStage": stageNames[page.order.stage.rawValue] ?? page.order.stage.rawValue,
                "hasItems": !page.items.isEmpty, "items": page.items.map { ["name": $0.name, "quantity": $0.quantity] as [String: Any] },
                "total": money(page.order.totalMinor), "hasContacts": !page.contacts.isEmpty,
            ]
            values["email"] = page.contacts["support.email"]
            values["phone"] = page.contacts["support.phone"]
            if let shipment = page.order.shipment {
                values["shipment"] = [
                    "carrier": shipment.carrier, "trackingNumber": shipment.trackingNumber, "trackingURL": shipment.trackingURL,
                    "expected": shipment.expectedDeliveryAt.map { $0.formatted(when) },
                ].compactMapValues { $0 }
            }
            var response = views.page("tracking", language: language, values: values)
            // The link is the key: keep it out of other sites' logs and out of shared caches.
            response.headers[.init("Referrer-Policy")!] = "no-referrer"
            response.headers[.init("X-Robots-Tag")!] = "noindex"
            return response
        }
    }
}

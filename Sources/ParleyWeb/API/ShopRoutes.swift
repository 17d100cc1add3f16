import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/api/v1/shop`: the key's own shop and its settings.
struct ShopRoutes {
    let settings: ShopSettings

    struct ShopResource: Encodable {
        let slug: String
        let name: String
        let defaultLocale: String
        let timeZone: String
        let settings: [String: String]
        let dkimDNSRecord: [String: String]?
        let warnings: [Warning]
        let routing: [Routing]
        struct Routing: Encodable {
            let kind: String
            let value: String
            let setting: String
            let status: String
        }
        struct Warning: Encodable {
            let setting: String
            let messages: Int
            let detail: String
        }

        init(_ profile: ShopProfile) {
            slug = profile.shop.slug
            name = profile.shop.name
            defaultLocale = profile.shop.defaultLocale
            timeZone = profile.shop.timeZone
            settings = profile.settings
            dkimDNSRecord = profile.dkimRecord.map { ["name": $0.name, "type": "TXT", "value": $0.value] }
            routing = profile.routing.map {
                Routing(kind: $0.kind.rawValue, value: $0.value, setting: $0.setting, status: $0.status.rawValue)
            }
            warnings = profile.warnings.map { Warning(setting: $0.setting, messages: $0.messages, detail: $0.detail) }
        }
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("shop") { _, context in
            try APIJSON.response(ShopResource(try await settings.profile(shop: context.shop)))
        }
        group.patch("shop") { request, context in
            var request = request
            // A flat object of setting → value; null removes the setting.
            let changes = try await request.decodeJSON([String: String?].self, context: context)
            return try APIJSON.response(
                ShopResource(try await settings.update(shop: context.shop, changes, by: context.actor)))
        }
    }
}

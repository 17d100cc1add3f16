import Foundation
import HTTPTypes
import Hummingbird
import ParleyCore
import ParleyServices

/// The widget's callback request: the windows a shop offers, said in the visitor's own time and
/// language, and the request itself, filed into the visitor's chat when they have one.
struct WidgetCallbackRoutes {
    let callbacks: CallbackRequests
    let chat: LiveChat
    let findShop: FindShop

    struct Window: Encodable {
        let start: Date
        let end: Date
        /// "Tue 24 Nov, 10:00–10:30" in the visitor's time zone and language.
        let label: String
    }

    struct Windows: Encodable {
        let timeZone: String
        let windows: [Window]
    }

    struct RequestBody: Decodable {
        let phone: String
        let name: String?
        let start: Date
        let timeZone: String
        let note: String?
        let locale: String?
        /// The browser's chat token, to file the request into its chat.
        let token: String?
        /// Left empty by people; a bot filling every field fills this one too.
        let website: String?
    }

    struct Filed: Encodable {
        let id: String
        let window: String
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("widget/v1/:shop/callbacks/windows") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let zone = Self.zone(request.uri.queryParameters.get("tz"), shop: shop)
            let language = WidgetRoutes.language(
                asked: request.uri.queryParameters.get("lang"), browser: nil, shopDefault: shop.defaultLocale)
            let windows = try await callbacks.offered(shop: shop).map {
                Window(start: $0.start, end: $0.end, label: CallbackRequests.label($0, zone: zone, language: language))
            }
            return try APIJSON.response(Windows(timeZone: zone.identifier, windows: windows), headers: [.cacheControl: "no-store"])
        }
        router.post("widget/v1/:shop/callbacks") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            var request = request
            let body = try await request.decodeJSON(RequestBody.self, context: context, dates: APIJSON.dates, plainText: true)
            let zone = Self.zone(body.timeZone, shop: shop)
            let language = WidgetRoutes.language(asked: body.locale, browser: nil, shopDefault: shop.defaultLocale)
            if let website = body.website, !website.isEmpty {
                // Looks accepted, so the bot learns nothing; nothing is stored.
                return try APIJSON.response(Filed(id: "cbk_", window: ""), status: .created)
            }
            let conversation = try await body.token.asyncFlatMap { try await chat.conversation(shop: shop, token: $0) }
            let filed = try await callbacks.request(
                shop: shop,
                CallbackInput(
                    phone: body.phone, name: body.name, start: body.start, timeZone: zone.identifier, note: body.note, locale: body.locale),
                conversation: conversation)
            return try APIJSON.response(
                Filed(id: filed.publicID, window: CallbackRequests.label(filed.window, zone: zone, language: language)), status: .created)
        }
    }

    /// The visitor's zone when it is a real one, else the shop's.
    static func zone(_ identifier: String?, shop: Shop) -> TimeZone {
        identifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: shop.timeZone) ?? .gmt
    }
}

extension Optional {
    fileprivate func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}

import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOWebSocket
import ParleyCore
import ParleyServices
import ParleyStore

/// `/widget.js` and `/widget/v1/{shop}/config`: public, for any shop's pages on any origin, so they
/// answer cross-origin reads and carry no cookies.
struct WidgetRoutes {
    let chat: LiveChat
    let findShop: FindShop
    let settings: ShopSettings
    let views: Views
    /// `/widget.js` with its shop-independent code, read once.
    let script: ByteBuffer
    let publicURL: String

    func register(on router: Router<ParleyRequestContext>) {
        router.get("widget.js") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=300",
                    .xContentTypeOptions: "nosniff", .accessControlAllowOrigin: "*",
                ],
                body: .init(byteBuffer: script))
        }
        router.get("widget-demo/:shop") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let language = Self.language(
                asked: request.uri.queryParameters.get("lang"), browser: request.headers[.acceptLanguage], shopDefault: shop.defaultLocale)
            let page = WidgetSamplePage(
                shop: shop.name, slug: shop.slug, src: "\(publicURL)/widget.js",
                tag: SettingsPageModel.widgetTag(publicURL: publicURL, shop: shop.slug))
            return views.page(.widgetSample, language: language, model: page)
        }
        // A file from the visitor, as a form (which needs no CORS preflight): `token`, `client_id`, `file`.
        router.post("widget/v1/:shop/attachments") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let form = try await MultipartForm.read(request, limit: LiveChat.largestFile + 64 * 1024, what: "the file")
            guard let token = form.text("token"), !token.isEmpty, let clientID = form.text("client_id"), let file = form.fields["file"]
            else { throw InvalidInput(field: "file", reason: "send token, client_id and file") }
            guard let session = try await chat.existing(shop: shop, token: token) else {
                throw InvalidInput(field: "token", reason: "is not this browser's chat token; open the chat first")
            }
            let (_, line) = try await chat.sendFile(session, clientID: clientID, filename: file.filename, bytes: file.data)
            return try APIJSON.response(["message": WidgetMessage(line)], status: .created)
        }
        router.get("widget/v1/:shop/config") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let values = try await settings.values(shop: shop.id)
            let language = Self.language(
                asked: request.uri.queryParameters.get("lang"), browser: request.uri.queryParameters.get("langs"),
                shopDefault: shop.defaultLocale)
            let catalog = views.localizer.catalog(language)
            var texts = ((catalog["widget"] as? [String: any Sendable]) ?? [:]).compactMapValues { $0 as? String }
            texts["dialog"] = texts["dialog"]?.replacingOccurrences(of: "{shop}", with: shop.name)
            let configuration = WidgetConfiguration(
                shop: shop.name, color: values[.brandColor] ?? "#1f5f8b", logo: values[.brandLogoURL],
                greeting: values[.widgetGreeting] ?? texts["greeting"] ?? "", language: language,
                agentsOnline: try await chat.agentsAvailable(shop: shop), prechat: values[.widgetPrechat] == "email",
                socket: "/widget/v1/\(shop.slug)/socket", texts: texts)
            return try APIJSON.response(
                configuration, headers: [.accessControlAllowOrigin: "*", .cacheControl: "no-store", .contentLanguage: language])
        }
    }

    /// The page's language when Parley speaks it, else the browser's best, else the shop's own.
    static func language(asked: String?, browser: String?, shopDefault: String) -> String {
        let candidates: [String?] = [asked, browser.flatMap(Localizer.negotiateIfSpoken), shopDefault]
        for candidate in candidates {
            let language = LocaleFallback.normalize(candidate ?? "").split(separator: "-").first.map(String.init) ?? ""
            if Localizer.supported.contains(language) { return language }
        }
        return "en"
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/p/{shop}/{customer}/{signature}`: the customer's preference centre, and `…/unsubscribe`, the
/// RFC 8058 one-click address of every marketing email. In the customer's language (`?lang=`, else
/// their own, else the browser's).
///
/// Opening either address changes nothing, so mail scanners that follow links unsubscribe nobody;
/// a POST to `…/unsubscribe` (a mail client's `List-Unsubscribe=One-Click`, or the page's button)
/// ends marketing email at once, with no session and no token beyond the signed link.
struct PreferenceRoutes {
    let centre: PreferenceCentre
    let settings: ShopSettings
    let views: Views
    let publicURL: String
    let clock: any WallClock

    struct Posted: Decodable {
        var email: String?
        var sms: String?
        var frequency: String?
        var pause: String?
        var lang: String?
        /// The kinds of marketing wanted, `on` when ticked.
        var news: String?
        var reminders: String?
        var tips: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("p/:shop/:customer/:signature") { request, context in
            try await respond(request, context) { shop, customer, signature in
                (try await centre.page(shopSlug: shop, customer: customer, signature: signature), nil, .form)
            }
        }
        router.post("p/:shop/:customer/:signature") { request, context in
            var request = request
            let posted = try await AgentRoutes.form(Posted.self, &request, context: context)
            let choices = PreferenceCentre.Choices(
                marketing: Set([posted.email == "on" ? Channel.email : nil, posted.sms == "on" ? .sms : nil].compactMap { $0 }),
                frequency: posted.frequency.flatMap(ContactPreferences.Frequency.init(rawValue:)) ?? .shop, pause: posted.pause == "on",
                topics: Set(
                    [(ContactPreferences.Topic.news, posted.news), (.reminders, posted.reminders), (.tips, posted.tips)]
                        .filter { $0.1 == "on" }.map(\.0)))
            return try await respond(request, context, language: posted.lang) { shop, customer, signature in
                let page = try await centre.save(
                    shopSlug: shop, customer: customer, signature: signature, choices, from: context.remoteAddress?.ipAddress)
                return (page, "preferences.saved", .form)
            }
        }
        router.get("p/:shop/:customer/:signature/unsubscribe") { request, context in
            try await respond(request, context) { shop, customer, signature in
                (try await centre.page(shopSlug: shop, customer: customer, signature: signature), nil, .unsubscribe)
            }
        }
        router.post("p/:shop/:customer/:signature/unsubscribe") { request, context in
            // The body is `List-Unsubscribe=One-Click` from a mail client, or the button's empty form:
            // either way the signed address is the whole request.
            try await respond(request, context) { shop, customer, signature in
                let page = try await centre.unsubscribe(
                    shopSlug: shop, customer: customer, signature: signature, from: context.remoteAddress?.ipAddress)
                return (page, nil, .unsubscribe)
            }
        }
        // Double opt-in: the confirmation email's link. Opening it asks; only the button confirms.
        router.get("p/:shop/:customer/:signature/subscribe") { request, context in
            try await respond(request, context) { shop, customer, signature in
                (try await centre.page(shopSlug: shop, customer: customer, signature: signature), nil, .subscribe)
            }
        }
        router.post("p/:shop/:customer/:signature/subscribe") { request, context in
            try await respond(request, context) { shop, customer, signature in
                let page = try await centre.subscribe(
                    shopSlug: shop, customer: customer, signature: signature, from: context.remoteAddress?.ipAddress)
                return (page, nil, .subscribe)
            }
        }
    }

    private func respond(
        _ request: Request, _ context: ParleyRequestContext, language posted: String? = nil,
        _ act: (String, String, String) async throws -> (PreferencePage, String?, PreferencePageModel.Mode)
    ) async throws -> Response {
        let asked = posted ?? request.uri.queryParameters["lang"].map(String.init)
        let browser = views.localizer.language(for: asked, acceptLanguage: request.headers[.acceptLanguage])
        var response: Response
        do {
            let shop = try context.parameters.require("shop")
            let customer = try context.parameters.require("customer")
            let signature = try context.parameters.require("signature")
            let (page, notice, mode) = try await act(shop, customer, signature)
            let language = views.localizer.language(for: asked ?? page.customerLocale, acceptLanguage: request.headers[.acceptLanguage])
            let texts = views.localizer.texts(language)
            let model = PreferencePageModel(
                page, texts: texts, settings: try await settings.values(shop: page.shop.id), publicURL: publicURL,
                base: "/p/\(shop)/\(customer)/\(signature)", now: clock.now(), notice: notice.map { texts[$0] }, mode: mode)
            response = views.page(.preferences, language: language, model: model)
        } catch PreferenceError.linkNotFound {
            let texts = views.localizer.texts(browser)
            response = views.page(
                .linkProblem, language: browser,
                model: LinkProblemPage(title: texts["preferences.invalidTitle"], text: texts["preferences.invalid"]),
                status: .notFound)
        }
        // The link is the key: keep it out of other sites' logs, search engines and shared caches.
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        response.headers[.init("X-Robots-Tag")!] = "noindex"
        response.headers[.cacheControl] = "no-store"
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'; form-action 'self'"
        return response
    }
}

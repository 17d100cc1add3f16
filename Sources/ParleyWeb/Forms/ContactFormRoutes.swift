import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/f/{shop}`: a shop's contact form, to link to or to show in an `<iframe>` on the shop's own
/// pages (`?embed=1` leaves out the header). In the visitor's language: `?lang=`, else the
/// browser's, else the shop's default.
///
/// A post from a program (the hidden field filled, sent within two seconds of the form, or a token
/// Parley never signed) is thanked like a person's and stored nowhere.
struct ContactFormRoutes {
    let findShop: FindShop
    let submit: SubmitContactForm
    let settings: ShopSettings
    let views: Views
    let publicURL: String

    /// The form's fields as posted; each may be missing, which the form then says.
    struct Posted: Decodable {
        var name: String?
        var email: String?
        var order: String?
        var message: String?
        var website: String?
        var token: String?
        var lang: String?
        var embed: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("f/:shop") { request, context in
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let language = Self.language(request.uri.queryParameters["lang"].map(String.init), request, shop: shop)
            return try await form(
                shop: shop, language: language, embed: request.uri.queryParameters["embed"] == "1", typed: ContactFormSubmission(),
                problems: [:])
        }
        router.post("f/:shop") { request, context in
            var request = request
            let shop = try await findShop(slug: try context.parameters.require("shop"))
            let posted = try await AgentRoutes.form(Posted.self, &request, context: context)
            let language = Self.language(posted.lang, request, shop: shop)
            let embed = posted.embed == "1"
            let typed = ContactFormSubmission(
                name: posted.name ?? "", email: posted.email ?? "", order: posted.order ?? "", message: posted.message ?? "",
                website: posted.website ?? "", token: posted.token ?? "", locale: language)
            do {
                _ = try await submit(shop: shop, typed)
            } catch ContactFormError.invalid(let problems) {
                // The same token again: its two seconds have passed, and a quick correction must not look like a program.
                return try await form(
                    shop: shop, language: language, embed: embed, typed: typed, problems: problems, token: typed.token,
                    status: .unprocessableContent)
            } catch ContactFormError.expired {
                return try await form(
                    shop: shop, language: language, embed: embed, typed: typed, problems: [:],
                    notice: views.localizer.texts(language)["contactForm.expired"], status: .unprocessableContent)
            }
            return try await form(
                shop: shop, language: language, embed: embed, typed: ContactFormSubmission(), problems: [:], sent: true)
        }
    }

    /// The page, carrying `token` or else a fresh one.
    private func form(
        shop: Shop, language: String, embed: Bool, typed: ContactFormSubmission,
        problems: [ContactFormError.Field: ContactFormError.Problem],
        token: String? = nil, notice: String? = nil, sent: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let brand = ShopBrand(
            shop: shop, settings: try await settings.values(shop: shop.id), publicURL: publicURL, home: "/f/\(shop.slug)?lang=\(language)")
        let token = if let token { token } else { try await submit.token(shop: shop) }
        let page = ContactFormPage(
            brand: brand, shopSlug: shop.slug, language: language, embed: embed, token: token,
            typed: typed, problems: problems, texts: views.localizer.texts(language), notice: notice, sent: sent)
        var response = views.page(.contactForm, language: language, model: page, status: status)
        // Any site may frame the form: the shop puts it on its own pages, and it only ever posts to Parley.
        response.headers[.contentSecurityPolicy] =
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors *; form-action 'self'"
        return response
    }

    /// `wanted` when Parley speaks it, else the browser's language, else the shop's.
    private static func language(_ wanted: String?, _ request: Request, shop: Shop) -> String {
        let primary = { (tag: String?) in
            tag.map { LocaleFallback.normalize($0).split(separator: "-").first.map(String.init) ?? "" }.flatMap {
                Localizer.supported.contains($0) ? $0 : nil
            }
        }
        return primary(wanted) ?? Localizer.negotiateIfSpoken(request.headers[.acceptLanguage]) ?? primary(shop.defaultLocale) ?? "en"
    }
}

import Foundation
import Hummingbird
import ParleyServices

/// `/t/{shop}/{order}/{signature}`: an order's public tracking page, in the customer's language, no login.
struct TrackingRoutes {
    let read: ReadTrackingPage
    let views: Views
    let publicURL: String

    func register(on router: Router<ParleyRequestContext>) {
        router.get("t/:shop/:order/:signature") { request, context in
            let page = try await read(
                shopSlug: try context.parameters.require("shop"), order: try context.parameters.require("order"),
                signature: try context.parameters.require("signature"))
            let language = views.localizer.language(for: page.customerLocale, acceptLanguage: request.headers[.acceptLanguage])
            let model = TrackingPageModel(page, texts: views.localizer.texts(language), publicURL: publicURL, home: request.uri.path)
            var response = views.page(.tracking, language: language, model: model)
            // The link is the key: keep it out of other sites' logs and out of shared caches. The
            // shop's logo may live on its own HTTPS site.
            response.headers[.init("Referrer-Policy")!] = "no-referrer"
            response.headers[.init("X-Robots-Tag")!] = "noindex"
            response.headers[.contentSecurityPolicy] =
                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' https: data:; frame-ancestors 'none'; form-action 'none'"
            return response
        }
    }
}

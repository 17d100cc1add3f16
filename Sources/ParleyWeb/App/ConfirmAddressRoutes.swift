import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/confirm/{shop}/{claim}/{signature}`: the page a confirmation mail links to. Opening it shows
/// what would be confirmed; only its button (a POST) confirms, so link scanners confirm nothing.
struct ConfirmAddressRoutes {
    let confirmations: AddressConfirmations
    let views: Views

    func register(on router: Router<ParleyRequestContext>) {
        router.get("confirm/:shop/:claim/:signature") { request, context in
            try await page(request, context: context) { shop, claim, signature in
                try await confirmations.pending(shopSlug: shop, claim: claim, signature: signature)
            }
        }
        router.post("confirm/:shop/:claim/:signature") { request, context in
            try await page(request, context: context) { shop, claim, signature in
                try await confirmations.confirm(
                    shopSlug: shop, claim: claim, signature: signature, from: context.remoteAddress?.ipAddress)
            }
        }
    }

    private func page(
        _ request: Request, context: ParleyRequestContext, _ act: (String, String, String) async throws -> PendingAddress
    ) async throws -> Response {
        let browser = Localizer.negotiate(request.headers[.acceptLanguage])
        let texts = { (language: String) in views.localizer.catalog(language)["confirmAddress"] as? [String: String] ?? [:] }
        do {
            let found = try await act(
                try context.parameters.require("shop"), try context.parameters.require("claim"), try context.parameters.require("signature")
            )
            // The shop's staff read this; without a browser preference, the shop's own language.
            let language =
                request.headers[.acceptLanguage] == nil
                ? views.localizer.language(for: found.shop.defaultLocale, acceptLanguage: nil) : browser
            return views.page(
                "confirm-address", language: language,
                values: [
                    "shopName": found.shop.name, "address": found.address, "confirmed": found.confirmed, "pending": !found.confirmed,
                ])
        } catch is NotFound {
            return views.page("confirm-address", language: browser, values: ["problem": texts(browser)["invalid"] ?? ""], status: .notFound)
        } catch is Conflict {
            return views.page("confirm-address", language: browser, values: ["problem": texts(browser)["taken"] ?? ""], status: .conflict)
        }
    }
}

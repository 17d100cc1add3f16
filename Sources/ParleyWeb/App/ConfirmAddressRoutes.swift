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
            let page = ConfirmAddressPage(
                shopName: found.shop.name, address: found.address, confirmed: found.confirmed, pending: !found.confirmed)
            return views.page(.confirmAddress, language: language, model: page)
        } catch RoutingError.confirmationLinkNotFound {
            let page = ConfirmAddressPage(problem: texts(browser)["invalid"] ?? "")
            return views.page(.confirmAddress, language: browser, model: page, status: .notFound)
        } catch RoutingError.confirmedByAnotherShop {
            let page = ConfirmAddressPage(problem: texts(browser)["taken"] ?? "")
            return views.page(.confirmAddress, language: browser, model: page, status: .conflict)
        }
    }
}

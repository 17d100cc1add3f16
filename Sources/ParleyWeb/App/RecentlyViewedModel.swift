import Foundation
import ParleyCore
import ParleyServices

/// "Recently viewed" in the customer panel: products with their price, other pages, and the last
/// cart, each with how long ago.
struct RecentlyViewedModel {
    struct Item {
        let name: String
        /// Only `http`/`https` addresses, so a stored value can never become a script link.
        let href: String?
        let price: String?
        let age: String
        let exactTime: String
    }

    struct CartLine {
        let name: String
        let quantity: Int
        let price: String?
    }

    struct Cart {
        let total: String?
        let items: [CartLine]
        let age: String
        let exactTime: String
    }

    let products: [Item]
    let pages: [Item]
    let cart: Cart?
    let hasPages: Bool

    /// Nil when nothing was recorded: the panel then shows no section at all.
    init?(_ browsing: RecentBrowsing, agent: SignedInAgent) {
        guard !browsing.isEmpty else { return nil }
        let format = agent.format
        func amount(_ value: String?, currency: String?) -> String? {
            guard let value else { return nil }
            guard let currency, let minor = Currency.minorUnits(value, code: currency) else {
                return [value, currency].compactMap { $0 }.joined(separator: " ")
            }
            return format.money(minor: minor, currency: currency)
        }
        products = browsing.products.map {
            Item(
                name: $0.title ?? $0.productID ?? "", href: WebLink.http($0.url),
                price: amount($0.details.price, currency: $0.details.currency),
                age: format.relative($0.occurredAt), exactTime: format.exact($0.occurredAt))
        }
        pages = browsing.pages.map {
            Item(
                name: $0.title ?? Self.shortAddress($0.url ?? ""), href: WebLink.http($0.url), price: nil,
                age: format.relative($0.occurredAt),
                exactTime: format.exact($0.occurredAt))
        }
        hasPages = !pages.isEmpty
        cart = browsing.cart.map { event in
            let currency = event.details.currency
            return Cart(
                total: amount(event.details.total, currency: currency),
                items: (event.details.items ?? []).map {
                    CartLine(name: $0.name ?? $0.id ?? "", quantity: $0.quantity, price: amount($0.price, currency: currency))
                },
                age: format.relative(event.occurredAt), exactTime: format.exact(event.occurredAt))
        }
    }

    /// `shop.example/kubki?page=2` for a page without a title.
    static func shortAddress(_ url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return url }
        return host + components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
    }
}

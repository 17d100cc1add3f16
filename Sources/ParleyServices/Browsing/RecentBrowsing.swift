import Foundation
import ParleyCore

/// What a customer looked at lately, as the agent's sidebar shows it: each product and page once,
/// at its newest view, and what their cart held last.
public struct RecentBrowsing: Sendable, Equatable {
    public let products: [CustomerEvent]
    /// Pages other than the products' own.
    public let pages: [CustomerEvent]
    public let cart: CustomerEvent?

    public var isEmpty: Bool { products.isEmpty && pages.isEmpty && cart == nil }

    /// From `views` (page and product events, newest first) and the newest cart snapshot.
    public init(views: [CustomerEvent], cart: CustomerEvent?, products productLimit: Int = 8, pages pageLimit: Int = 5) {
        var seen: Set<String> = []
        var products: [CustomerEvent] = []
        for event in views where event.kind == .product && products.count < productLimit {
            let key = event.productID ?? event.title ?? event.url ?? ""
            if seen.insert(key).inserted { products.append(event) }
        }
        // A product's page is recorded as a page view too; listing it twice tells the agent nothing.
        var addresses = Set(products.compactMap(\.url))
        var pages: [CustomerEvent] = []
        for event in views where event.kind == .page && pages.count < pageLimit {
            if let url = event.url, addresses.insert(url).inserted { pages.append(event) }
        }
        self.products = products
        self.pages = pages
        self.cart = cart
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// One event as the widget or the shop sends it (docs/live-chat.md, "Browsing history";
/// docs/automation.md, "Customer events"): the page, and for a product, a cart, a search or a
/// checkout what the shop passed in. Anything may be missing or wrong; `cleaned` keeps what is usable.
public struct CustomerEventInput: Sendable, Equatable, Decodable {
    public struct Item: Sendable, Equatable, Decodable {
        public var id: String?
        public var name: String?
        public var quantity: Int?
        public var price: String?

        public init(id: String? = nil, name: String? = nil, quantity: Int? = nil, price: String? = nil) {
            self.id = id
            self.name = name
            self.quantity = quantity
            self.price = price
        }
    }

    public var type: String
    /// When it happened by the browser's clock, ISO 8601.
    public var at: String?
    public var url: String?
    public var title: String?
    public var id: String?
    public var name: String?
    public var price: String?
    public var currency: String?
    public var image: String?
    public var items: [Item]?
    public var total: String?
    /// What a search asked for.
    public var query: String?
    /// The platform's id of a checkout.
    public var checkout: String?

    public init(
        type: String, at: String? = nil, url: String? = nil, title: String? = nil, id: String? = nil, name: String? = nil,
        price: String? = nil, currency: String? = nil, image: String? = nil, items: [Item]? = nil, total: String? = nil,
        query: String? = nil, checkout: String? = nil
    ) {
        self.type = type
        self.at = at
        self.url = url
        self.title = title
        self.id = id
        self.name = name
        self.price = price
        self.currency = currency
        self.image = image
        self.items = items
        self.total = total
        self.query = query
        self.checkout = checkout
    }

    /// The longest address kept; longer ones are tracking parameters, not pages.
    static let longestURL = 1000
    /// Products in one cart snapshot.
    static let mostItems = 50
    /// How far back the browser's clock is believed: a batch waits a few seconds, not days.
    static let oldest: TimeInterval = 24 * 3600
    /// How far back a shop may date what it sends: a year of history imported at once.
    static let oldestImported: TimeInterval = 366 * 86400

    /// The event to store, or nil when it is of an unknown type or lacks what its type needs.
    /// Over-long text is clipped; a malformed address, amount or currency is left out.
    func cleaned(now: Date, oldest: TimeInterval = Self.oldest) -> NewCustomerEvent? {
        guard let kind = CustomerEvent.Kind(rawValue: type) else { return nil }
        let url = url.flatMap(Self.webAddress)
        let sent =
            at.flatMap { try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse($0) }
            ?? at.flatMap { try? Date.ISO8601FormatStyle().parse($0) }
        let occurredAt = sent.flatMap { $0 <= now && now.timeIntervalSince($0) <= oldest ? $0 : nil } ?? now
        let currency = currency.flatMap(Self.currencyCode)
        switch kind {
        case .page:
            guard let url else { return nil }
            return NewCustomerEvent(kind: .page, url: url, title: title.flatMap(Self.line), productID: nil, occurredAt: occurredAt)
        case .product:
            let productID = id.flatMap(Self.line)
            let name = (name ?? title).flatMap(Self.line)
            guard productID != nil || name != nil else { return nil }
            return NewCustomerEvent(
                kind: .product, url: url, title: name, productID: productID,
                details: .init(price: price.flatMap(Self.amount), currency: currency, image: image.flatMap(Self.webAddress)),
                occurredAt: occurredAt)
        case .cart, .checkout:
            let items = (items ?? []).prefix(Self.mostItems).compactMap { item -> CustomerEvent.CartItem? in
                let id = item.id.flatMap(Self.line)
                let name = item.name.flatMap(Self.line)
                guard id != nil || name != nil else { return nil }
                return CustomerEvent.CartItem(
                    id: id, name: name, quantity: min(max(item.quantity ?? 1, 1), 9999), price: item.price.flatMap(Self.amount))
            }
            let checkoutID = kind == .checkout ? checkout.flatMap(Self.line) : nil
            if kind == .checkout && checkoutID == nil && items.isEmpty { return nil }
            return NewCustomerEvent(
                kind: kind, url: url, title: nil, productID: nil,
                details: .init(currency: currency, items: items, total: total.flatMap(Self.amount), checkoutID: checkoutID),
                occurredAt: occurredAt)
        case .search:
            guard let query = query.flatMap(Self.line) else { return nil }
            return NewCustomerEvent(kind: .search, url: url, title: query, productID: nil, occurredAt: occurredAt)
        }
    }

    /// An `http` or `https` address with a host, at most `longestURL` characters.
    static func webAddress(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= longestURL, !trimmed.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
            let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else { return nil }
        return trimmed
    }

    /// A name or id on one line, clipped.
    static func line(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : Validation.clipped(trimmed)
    }

    /// A plain decimal amount such as `49.00`.
    static func amount(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.wholeMatch(of: /[0-9]{1,12}(\.[0-9]{1,4})?/) == nil ? nil : trimmed
    }

    /// An ISO 4217 code such as `PLN`.
    static func currencyCode(_ text: String) -> String? {
        text.count == 3 && text.allSatisfy({ $0.isASCII && $0.isLetter }) ? text.uppercased() : nil
    }
}

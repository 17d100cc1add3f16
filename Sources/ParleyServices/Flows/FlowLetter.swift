import Foundation
import ParleyCore
import ParleyStore

/// What a run knows when its time comes: the facts `FlowPolicy` decides on, and what its message
/// would say (the cart's lines, the products viewed, the order's items).
struct FlowLetter {
    /// One line of the message's list, rendered by the catalog entry `key`.
    struct Line {
        let key: String
        let values: [String: String?]
    }

    let recipe: FlowRecipe
    var facts: FlowPolicy.Facts
    var lines: [Line] = []
    var values: [String: String?] = [:]

    /// Products a browse email names at most: a reminder, not a catalogue.
    static let viewedShown = 4

    static func gather(_ run: FlowRepository.Run, settings: FlowSettings, shop: ShopID, on sql: DatabaseSession) async throws
        -> FlowLetter
    {
        let events = CustomerEventRepository(sql)
        let orders = try await OrderRepository(sql).list(shop: shop, customerID: run.customerID)
        var facts = FlowPolicy.Facts(
            began: run.began,
            orders: orders.map { FlowPolicy.OrderFact(id: $0.publicID, placedAt: $0.placedAt, stage: $0.stage) },
            order: FlowTriggers.order(in: run.triggerKey))
        switch run.recipe {
        case .abandonedCart:
            let snapshots = try await events.recent(shop: shop, customerID: run.customerID, kinds: [.checkout], limit: 200)
                .filter { $0.details.checkoutID == run.triggerKey }
            guard let latest = snapshots.first, let first = snapshots.last else {
                facts.items = 0
                return FlowLetter(recipe: run.recipe, facts: facts)
            }
            facts.began = first.occurredAt
            facts.changed = latest.occurredAt
            facts.items = latest.details.items?.count ?? 0
            let currency = latest.details.currency
            func money(_ amount: String?) -> String? { amount.map { amount in currency.map { "\(amount) \($0)" } ?? amount } }
            return FlowLetter(
                recipe: run.recipe, facts: facts,
                lines: (latest.details.items ?? []).map { item in
                    Line(
                        key: "marketing.abandonedCart.item",
                        values: ["quantity": String(item.quantity), "name": item.name ?? item.id, "price": money(item.price)])
                },
                values: ["total": money(latest.details.total), "url": latest.url])
        case .browseAbandonment:
            let viewed = try await events.recent(shop: shop, customerID: run.customerID, kinds: [.product], limit: 100)
                .filter { $0.occurredAt >= run.began }
            facts.changed = viewed.first?.occurredAt ?? run.began
            facts.checkouts = try await events.recent(shop: shop, customerID: run.customerID, kinds: [.checkout], limit: 20)
                .map(\.occurredAt)
            var seen: Set<String> = []
            let products = viewed.filter { event in
                guard let name = event.title ?? event.productID else { return false }
                return seen.insert(event.productID ?? name).inserted
            }
            facts.items = products.count
            return FlowLetter(
                recipe: run.recipe, facts: facts,
                lines: products.prefix(viewedShown).map { event in
                    Line(key: "marketing.viewed", values: ["name": event.title ?? event.productID, "url": event.url])
                })
        case .welcome, .winBack:
            return FlowLetter(recipe: run.recipe, facts: facts)
        case .postPurchase, .thankYou, .replenishment:
            guard let order = orders.first(where: { $0.publicID == facts.order }) else {
                facts.items = 0
                return FlowLetter(recipe: run.recipe, facts: facts)
            }
            let repository = OrderRepository(sql)
            var items = try await repository.items(shop: shop, orderID: order.id)
            if run.recipe == .replenishment {
                let lasting = FlowTriggers.interval(in: run.triggerKey)
                items = items.filter { settings.interval(sku: $0.sku) == lasting }
                facts.products = Set(items.map { $0.sku ?? $0.name })
                for (index, other) in orders.enumerated() where other.placedAt >= run.began - 86400 && other.id != order.id {
                    let bought = try await repository.items(shop: shop, orderID: other.id)
                    facts.orders[index].skus = Set(bought.map { $0.sku ?? $0.name })
                }
            }
            facts.items = items.count
            return FlowLetter(
                recipe: run.recipe, facts: facts,
                lines: items.map { Line(key: "marketing.item", values: ["quantity": String($0.quantity), "name": $0.name]) },
                values: ["number": order.number])
        }
    }

    /// The subject and the text in the customer's language, with the footer every marketing email carries.
    func letter(_ mail: MarketingMail) throws -> MarketingMail.Letter {
        let items = try lines.map { line in
            try MessageCatalogs.words(line.key, in: mail.entries, values: MessageCatalogs.present(line.values))
        }.joined(separator: "\n")
        var extra = values
        extra["items"] = items
        let key = "marketing." + Self.catalogName(recipe)
        return try mail.letter(
            subject: mail.entries["\(key).subject"] ?? "", body: mail.entries["\(key).body"] ?? "", values: mail.values(extra))
    }

    /// The catalog's name of a recipe's texts: `abandoned_cart` is `abandonedCart`.
    static func catalogName(_ recipe: FlowRecipe) -> String {
        let words = recipe.rawValue.split(separator: "_")
        return words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }
}

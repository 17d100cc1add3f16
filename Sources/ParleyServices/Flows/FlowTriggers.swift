import Foundation
import ParleyCore
import ParleyStore

/// Where flows start: each trigger, in the transaction that records it, starts a run of every
/// recipe it belongs to that the shop has on, and queues the run's first look at its due moment.
///
/// A run is started once per trigger (its key, unique in the shop: the checkout, the order, the
/// customer), so a webhook delivered twice starts nothing twice; a recipe with a re-entry period
/// starts no second run for a customer within it.
enum FlowTriggers {
    /// A checkout began or changed: the abandoned-cart run for it.
    static func checkout(shop: ShopID, customerID: Int64, _ checkout: NewCustomerEvent, on sql: DatabaseSession, now: Date) async throws {
        guard let token = checkout.details.checkoutID else { return }
        try await begin(
            .abandonedCart, shop: shop, customerID: customerID, key: token, began: checkout.occurredAt, on: sql, now: now)
    }

    /// The customer looked at a product: a browse run, unless one started within the week.
    static func viewed(shop: ShopID, customerID: Int64, at: Date, on sql: DatabaseSession, now: Date) async throws {
        try await begin(
            .browseAbandonment, shop: shop, customerID: customerID, key: "view:\(customerID):\(Int(at.timeIntervalSince1970))", began: at,
            on: sql,
            now: now)
    }

    /// The customer allowed marketing email: the welcome, once ever.
    static func emailConsent(shop: ShopID, customerID: Int64, at: Date, on sql: DatabaseSession) async throws {
        try await begin(.welcome, shop: shop, customerID: customerID, key: "customer:\(customerID)", began: at, on: sql, now: at)
    }

    /// A new order: the win-back count starts again, and a repeat customer is thanked. Every order
    /// event passes here, so a shop with neither recipe on pays one query.
    static func placed(_ order: Order, on sql: DatabaseSession, now: Date) async throws {
        let on = try await switchedOn(order.shopID, on: sql)
        let key = "order:\(order.publicID)"
        if let winBack = on[.winBack] {
            try await begin(winBack, shop: order.shopID, customerID: order.customerID, key: key, began: order.placedAt, on: sql, now: now)
        }
        guard let thankYou = on[.thankYou] else { return }
        let orders = try await OrderRepository(sql).list(shop: order.shopID, customerID: order.customerID)
        if orders.contains(where: { $0.id != order.id && $0.placedAt <= order.placedAt }) {
            try await begin(thankYou, shop: order.shopID, customerID: order.customerID, key: key, began: order.placedAt, on: sql, now: now)
        }
    }

    /// An order delivered at `at`: the after-delivery email, and a replenishment run per product lifetime.
    static func delivered(_ order: Order, at: Date, on sql: DatabaseSession, now: Date) async throws {
        let on = try await switchedOn(order.shopID, on: sql)
        let key = "order:\(order.publicID)"
        if let postPurchase = on[.postPurchase] {
            try await begin(postPurchase, shop: order.shopID, customerID: order.customerID, key: key, began: at, on: sql, now: now)
        }
        guard let settings = on[.replenishment] else { return }
        let items = try await OrderRepository(sql).items(shop: order.shopID, orderID: order.id)
        for interval in Set(items.map { settings.interval(sku: $0.sku) }).sorted() {
            try await begin(
                settings, shop: order.shopID, customerID: order.customerID, key: "\(key)@\(Int(interval))", began: at, wait: interval,
                on: sql, now: now)
        }
    }

    /// The replenishment key's product lifetime in seconds (`order:ord_1@2592000`).
    static func interval(in key: String) -> TimeInterval? {
        key.split(separator: "@").last.flatMap { TimeInterval(String($0)) }
    }

    /// How long a run of `settings`' recipe waits: a replenishment run its product's lifetime, which
    /// its key carries; every other run the recipe's wait.
    static func wait(_ settings: FlowSettings, key: String) -> TimeInterval {
        settings.recipe == .replenishment ? interval(in: key) ?? settings.wait : settings.wait
    }

    /// The order a key names (`order:ord_1`, `order:ord_1@2592000`).
    static func order(in key: String) -> String? {
        guard key.hasPrefix("order:") else { return nil }
        return String(key.dropFirst("order:".count).split(separator: "@").first ?? "")
    }

    /// The shop's recipes that are on, read once per trigger.
    private static func switchedOn(_ shop: ShopID, on sql: DatabaseSession) async throws -> [FlowRecipe: FlowSettings] {
        Dictionary(
            try await FlowRepository(sql).settings(shop: shop).filter(\.enabled).map { ($0.recipe, $0) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Starts `recipe`'s run when the shop has it on.
    private static func begin(
        _ recipe: FlowRecipe, shop: ShopID, customerID: Int64, key: String, began: Date, on sql: DatabaseSession, now: Date
    ) async throws {
        guard let settings = try await switchedOn(shop, on: sql)[recipe] else { return }
        try await begin(settings, shop: shop, customerID: customerID, key: key, began: began, on: sql, now: now)
    }

    private static func begin(
        _ settings: FlowSettings, shop: ShopID, customerID: Int64, key: String, began: Date, wait: TimeInterval? = nil,
        on sql: DatabaseSession, now: Date
    ) async throws {
        let recipe = settings.recipe
        let flows = FlowRepository(sql)
        if let reentry = recipe.reentry, let last = try await flows.lastStart(shop: shop, recipe: recipe, customerID: customerID),
            now < last + reentry
        {
            return
        }
        let run = try await flows.start(shop: shop, recipe: recipe, customerID: customerID, triggerKey: key, began: began, now: now)
        guard run.status == "waiting" else { return }
        // A checkout that changes moves its reminder; the run decides, so a second look is harmless.
        try await RunFlow.enqueue(run, shop: shop, at: max(began + (wait ?? settings.wait), now), on: sql, now: now)
    }
}

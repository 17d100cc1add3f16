import Foundation
import ParleyCore
import ParleyStore

/// The abandoned-cart recipe: a checkout begun and not completed gets one reminder by email, in the
/// customer's language, with the cart's items and the link back to it, `wait` after its last change.
///
/// A run starts once per checkout (`start`, called where checkouts arrive) and its job (`flow.abandoned_cart`)
/// decides by `AbandonedCartPolicy` when it comes due, with the newest snapshot of the checkout and the
/// customer's orders as they are then: an order since the checkout began ends the run. No message is
/// built for a customer without marketing consent on email; the one built is marketing, so the
/// contact-pressure budget decides when it goes, and it is given up if that is after the cart's use.
public struct AbandonedCartFlow: JobHandler {
    public static let kind = "flow.abandoned_cart"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let catalogs: MessageCatalogs
    private let preferences: PreferenceCentre

    public init(database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, preferences: PreferenceCentre) {
        self.database = database
        self.clock = clock
        self.catalogs = catalogs
        self.preferences = preferences
    }

    /// Starts (or moves on) the run of `checkout` when the shop has the recipe on, in the caller's transaction.
    static func start(shop: ShopID, customerID: Int64, checkout: NewCustomerEvent, on sql: DatabaseSession, now: Date) async throws {
        guard let token = checkout.details.checkoutID,
            let settings = try await FlowRepository(sql).settings(shop: shop).first(where: { $0.recipe == .abandonedCart }),
            settings.enabled
        else { return }
        let run = try await FlowRepository(sql).start(
            shop: shop, recipe: .abandonedCart, customerID: customerID, triggerKey: token, now: now)
        guard run.status == "waiting" else { return }
        try await enqueue(run, shop: shop, at: checkout.occurredAt + settings.wait, on: sql, now: now)
    }

    private static func enqueue(_ run: FlowRepository.Run, shop: ShopID, at: Date, on sql: DatabaseSession, now: Date) async throws {
        _ = try await JobQueue.enqueue(
            NewJob(
                shop: shop, kind: kind, payload: String(run.id), runAt: at,
                idempotencyKey: "flow:\(run.id):\(Int(at.timeIntervalSince1970))"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let shopID = job.shop
        guard let runID = Int64(job.payload) else { throw PermanentJobFailure("not a flow run: \(job.payload)") }
        let now = clock.now()
        try await database.transaction { sql in
            let flows = FlowRepository(sql)
            guard let run = try await flows.find(shop: shopID, id: runID), run.status == "waiting",
                let shop = try await ShopRepository(sql).find(id: shopID),
                let settings = try await flows.settings(shop: shopID).first(where: { $0.recipe == .abandonedCart })
            else { return }
            guard settings.enabled else {
                _ = try await flows.finish(shop: shopID, id: runID, status: "switched_off", now: now)
                return
            }
            let snapshots = try await CustomerEventRepository(sql).recent(
                shop: shopID, customerID: run.customerID, kinds: [.checkout], limit: 200
            ).filter { $0.details.checkoutID == run.triggerKey }
            guard let latest = snapshots.first, let first = snapshots.last else {
                _ = try await flows.finish(shop: shopID, id: runID, status: AbandonedCartPolicy.Exit.emptied.rawValue, now: now)
                return
            }
            let orders = try await OrderRepository(sql).list(shop: shopID, customerID: run.customerID)
            let decision = AbandonedCartPolicy.decide(
                began: first.occurredAt, changed: latest.occurredAt, items: latest.details.items?.count ?? 0,
                lastOrder: orders.map(\.placedAt).max(), now: now, wait: settings.wait, lifetime: FlowRecipe.abandonedCart.lifetime)
            switch decision {
            case .later(let due):
                try await Self.enqueue(run, shop: shopID, at: due, on: sql, now: now)
            case .exit(let why):
                _ = try await flows.finish(shop: shopID, id: runID, status: why.rawValue, now: now)
            case .remind:
                try await remind(
                    run, shop: shop, checkout: latest, expires: first.occurredAt + FlowRecipe.abandonedCart.lifetime, on: sql, now: now)
            }
        }
    }

    /// Builds the reminder and queues it, unless the customer cannot get marketing email.
    private func remind(
        _ run: FlowRepository.Run, shop: Shop, checkout: CustomerEvent, expires: Date, on sql: DatabaseSession, now: Date
    ) async throws {
        let flows = FlowRepository(sql)
        guard let customer = try await CustomerRepository(sql).find(shop: shop.id, id: run.customerID), customer.erasedAt == nil,
            let address = customer.address(for: .email)
        else {
            _ = try await flows.finish(shop: shop.id, id: run.id, status: "unreachable", now: now)
            return
        }
        guard customer.allowsMarketing(on: .email) else {
            _ = try await flows.finish(shop: shop.id, id: run.id, status: "no_consent", now: now)
            return
        }
        let (language, entries) = try catalogs.catalog(for: customer.locale, shopDefault: shop.defaultLocale)
        let currency = checkout.details.currency
        let items = try (checkout.details.items ?? []).map { item in
            try MessageCatalogs.words(
                "marketing.abandonedCart.item", in: entries,
                values: MessageCatalogs.present([
                    "quantity": String(item.quantity), "name": item.name ?? item.id,
                    "price": item.price.map { price in currency.map { "\(price) \($0)" } ?? price },
                ]))
        }.joined(separator: "\n")
        let links = try await preferences.links(for: shop, customer: customer.publicID, on: sql)
        let values = MessageCatalogs.present([
            "shop": shop.name, "name": customer.name?.split(separator: " ").first.map(String.init), "items": items,
            "total": checkout.details.total.map { total in currency.map { "\(total) \($0)" } ?? total }, "url": checkout.url,
            "preferences": links.url, "unsubscribe": links.unsubscribeURL,
        ])
        let body = try MessageCatalogs.words("marketing.abandonedCart.body", in: entries, values: values)
        let footer = try MessageCatalogs.words("marketing.footer", in: entries, values: values)
        let message = NewMessage(
            customerID: customer.id, orderID: nil, channel: .email, topic: "marketing.abandoned_cart", locale: language,
            recipient: address, subject: try MessageCatalogs.words("marketing.abandonedCart.subject", in: entries, values: values),
            text: body + "\n\n-- \n" + footer, html: nil, messageID: nil, dedupeKey: "flow:\(run.id)", expiresAt: expires,
            listUnsubscribe: links.unsubscribeURL)
        guard
            let stored = try await MessageRepository(sql).insert(
                shop: shop.id, publicID: OpaqueToken.make(prefix: "msg_"), message, now: now)
        else { return }
        try await SendMessage.enqueue(stored, on: sql, now: now)
        _ = try await flows.finish(shop: shop.id, id: run.id, status: "sent", messageID: stored.id, now: now)
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// A flow tried on one customer before it is switched on, or to see why someone got nothing: from
/// their latest trigger of the recipe (their last checkout, view, delivery or order), what the flow
/// would do at its due moment if nothing changed, and the email they would get. Nothing is stored
/// and nothing is sent.
public struct FlowTestRuns: Sendable {
    public struct Result: Sendable, Equatable {
        public enum Outcome: String, Sendable {
            /// The email would go at `due`, within the contact-pressure budget.
            case send
            /// The run would end without an email: `reason` says why (its goal met, too late, no consent…).
            case stop
            /// The customer has no such trigger: nothing would start.
            case noTrigger = "no_trigger"
        }

        public let outcome: Outcome
        /// Why a run stops: `ordered`, `expired`, `no_consent`, `not_in_segment`…
        public let reason: String?
        /// What started the run: the checkout, order or view it follows.
        public let trigger: String?
        /// When it would come due.
        public let due: Date?
        public let subject: String?
        public let text: String?
        public let html: String?
    }

    private let writer: MarketingWriter

    public init(database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, preferences: PreferenceCentre) {
        writer = MarketingWriter(database: database, clock: clock, catalogs: catalogs, preferences: preferences)
    }

    /// `customer` is an email address or a customer's id.
    public func run(shop shopID: ShopID, recipe name: String, customer: String) async throws -> Result {
        guard let recipe = FlowRecipe(rawValue: name) else { throw FlowError.unknownRecipe(name) }
        let now = writer.clock.now()
        // A transaction, not a read: the shop's link key is made on first use.
        return try await writer.database.transaction { sql in
            guard let shop = try await ShopRepository(sql).find(id: shopID),
                let settings = try await FlowRepository(sql).settings(shop: shopID).first(where: { $0.recipe == recipe })
            else { throw FlowError.unknownRecipe(name) }
            guard let found = try await Self.customer(customer, shop: shopID, on: sql) else {
                throw InvalidInput(field: "customer", reason: "names no customer of this shop: \(customer)")
            }
            guard let (key, began) = try await Self.trigger(recipe, settings: settings, customer: found, shop: shopID, on: sql, now: now)
            else {
                return Result(outcome: .noTrigger, reason: nil, trigger: nil, due: nil, subject: nil, text: nil, html: nil)
            }
            let run = FlowRepository.Run(
                id: 0, recipe: recipe, customerID: found.id, triggerKey: key, status: "waiting", began: began, createdAt: now)
            let letter = try await FlowLetter.gather(run, settings: settings, shop: shopID, on: sql)
            let wait = FlowTriggers.wait(settings, key: key)
            let due = max(letter.facts.changed + wait, now)
            let stop = { (reason: String) in
                Result(outcome: .stop, reason: reason, trigger: key, due: due, subject: nil, text: nil, html: nil)
            }
            switch FlowPolicy.decide(recipe, facts: letter.facts, wait: wait, now: due) {
            case .exit(let why): return stop(why.rawValue)
            case .later, .send: break
            }
            if let refusal = MarketingMail.refusal(for: found) { return stop(refusal.rawValue) }
            if let segmentID = settings.segmentID,
                try await !SegmentRepository(sql).contains(
                    shop: shopID, segmentID: segmentID, customerID: found.id, defaultLocale: shop.defaultLocale, now: now)
            {
                return stop("not_in_segment")
            }
            let (language, entries) = try writer.catalogs.catalog(for: found.locale, shopDefault: shop.defaultLocale)
            let context = try await writer.context(shop: shop, on: sql, now: now)
            let mail = MarketingMail(shop: shop, customer: found, language: language, entries: entries, context: context)
            let words = try letter.letter(mail)
            return Result(
                outcome: .send, reason: nil, trigger: key, due: due, subject: words.subject, text: words.text,
                html: mail.html(words, tracking: false))
        }
    }

    private static func customer(_ given: String, shop: ShopID, on sql: DatabaseSession) async throws -> Customer? {
        let customers = CustomerRepository(sql)
        if given.contains("@"), let identity = try? Identity.normalized(.email, given),
            let id = try await customers.owners(shop: shop, of: [identity])[identity]
        {
            return try await customers.find(shop: shop, id: id)
        }
        return try await customers.find(shop: shop, publicID: given)
    }

    /// The customer's latest trigger of `recipe` as `FlowTriggers` would key it, and when it happened.
    private static func trigger(
        _ recipe: FlowRecipe, settings: FlowSettings, customer: Customer, shop: ShopID, on sql: DatabaseSession, now: Date
    ) async throws -> (key: String, began: Date)? {
        let events = CustomerEventRepository(sql)
        let orders = try await OrderRepository(sql).list(shop: shop, customerID: customer.id).sorted { $0.placedAt > $1.placedAt }
        switch recipe {
        case .abandonedCart:
            let checkout = try await events.recent(shop: shop, customerID: customer.id, kinds: [.checkout], limit: 1).first
            return checkout.flatMap { event in event.details.checkoutID.map { ($0, event.occurredAt) } }
        case .browseAbandonment:
            // A run takes in every view since the one that began it, and a new one begins at most weekly.
            let views = try await events.recent(shop: shop, customerID: customer.id, kinds: [.product], limit: 100)
            guard let last = views.first else { return nil }
            let first = views.last { $0.occurredAt > last.occurredAt - (recipe.reentry ?? 0) } ?? last
            return ("view:\(customer.id):\(Int(first.occurredAt.timeIntervalSince1970))", first.occurredAt)
        case .welcome:
            return ("customer:\(customer.id)", now)
        case .winBack, .thankYou:
            guard let order = orders.first else { return nil }
            if recipe == .thankYou && orders.count < 2 { return nil }
            return ("order:\(order.publicID)", order.placedAt)
        case .postPurchase, .replenishment:
            let repository = OrderRepository(sql)
            guard let order = orders.first(where: { $0.stage == .delivered }) else { return nil }
            let delivered =
                try await repository.stageHistory(shop: shop, orderID: order.id)
                .last { $0.stage == .delivered && $0.applied }?.occurredAt ?? order.updatedAt
            guard recipe == .replenishment else { return ("order:\(order.publicID)", delivered) }
            let items = try await repository.items(shop: shop, orderID: order.id)
            guard let soonest = items.map({ settings.interval(sku: $0.sku) }).min() else { return nil }
            return ("order:\(order.publicID)@\(Int(soonest))", delivered)
        }
    }
}

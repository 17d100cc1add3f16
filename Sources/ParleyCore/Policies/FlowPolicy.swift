import Foundation

/// What a flow's run does when its time comes: send, wait longer, or stop, for every recipe.
///
/// Each recipe has a goal that ends it early (an order for a cart or a browse, a reorder for
/// replenishment, any newer order for a win-back), a moment it comes due (its wait after the trigger,
/// or after the last change for carts and browsing, so someone still shopping is not gone), and a
/// moment after which its message is worth nothing. The caller gathers the facts as they are at the
/// run's time; nothing here reads a clock or a database.
public enum FlowPolicy {
    public enum Exit: String, Sendable, CaseIterable {
        /// The customer ordered: the goal of a cart, a browse and a win-back.
        case ordered
        /// The customer ordered the product again: replenishment's goal.
        case reordered
        /// A browse turned into a checkout, which its own flow follows.
        case checkedOut = "checked_out"
        /// Nothing left to write about: a cart emptied.
        case emptied
        /// The order the run is about was cancelled or refunded.
        case cancelled
        /// Too late to be of use.
        case expired
    }

    public enum Decision: Sendable, Equatable {
        case send
        case later(Date)
        case exit(Exit)
    }

    /// An order of the customer as the policy needs it.
    public struct OrderFact: Sendable, Equatable {
        public var id: String
        public var placedAt: Date
        public var stage: OrderStage
        public var skus: Set<String>

        public init(id: String, placedAt: Date, stage: OrderStage, skus: Set<String> = []) {
            self.id = id
            self.placedAt = placedAt
            self.stage = stage
            self.skus = skus
        }
    }

    /// What is known of a run when it comes up.
    public struct Facts: Sendable, Equatable {
        /// When its trigger happened: the checkout began, the first view, consent given, the order placed or delivered.
        public var began: Date
        /// The trigger's last change: a checkout's newest snapshot, the latest view; `began` otherwise.
        public var changed: Date
        /// How many things it would write about: cart lines, products viewed, order lines.
        public var items: Int
        /// The customer's orders.
        public var orders: [OrderFact]
        /// When the customer began checkouts (a browse ends in one).
        public var checkouts: [Date]
        /// The order the run is about, for recipes an order starts.
        public var order: String?
        /// The SKUs the run is about (replenishment).
        public var products: Set<String>

        public init(
            began: Date, changed: Date? = nil, items: Int = 1, orders: [OrderFact] = [], checkouts: [Date] = [], order: String? = nil,
            products: Set<String> = []
        ) {
            self.began = began
            self.changed = changed ?? began
            self.items = items
            self.orders = orders
            self.checkouts = checkouts
            self.order = order
            self.products = products
        }
    }

    /// A platform's clocks and Parley's differ by seconds: an order placed just before the event
    /// that started a run still counts as after it.
    static let clockSkew: TimeInterval = 120

    public static func decide(_ recipe: FlowRecipe, facts: Facts, wait: TimeInterval, now: Date) -> Decision {
        let since = facts.began - clockSkew
        let others = facts.orders.filter { $0.id != facts.order }
        let own = facts.orders.first { $0.id == facts.order }
        if let own, own.stage == .cancelled || own.stage == .refunded { return .exit(.cancelled) }
        switch recipe {
        case .abandonedCart:
            if others.contains(where: { $0.placedAt >= since }) { return .exit(.ordered) }
        case .browseAbandonment:
            if others.contains(where: { $0.placedAt >= since }) { return .exit(.ordered) }
            if facts.checkouts.contains(where: { $0 >= since }) { return .exit(.checkedOut) }
        case .replenishment:
            let again = others.contains { $0.placedAt >= since && !$0.skus.isDisjoint(with: facts.products) }
            if again { return .exit(.reordered) }
        case .winBack:
            let last = own?.placedAt ?? facts.began
            if others.contains(where: { $0.placedAt > last }) { return .exit(.ordered) }
        case .welcome, .postPurchase, .thankYou:
            break
        }
        if facts.items == 0 { return .exit(.emptied) }
        let due = facts.changed + wait
        let expiry = recipe.expiry(began: facts.began, due: due)
        if now < due { return due > expiry ? .exit(.expired) : .later(due) }
        return now > expiry ? .exit(.expired) : .send
    }
}

import Foundation

/// An automation a shop switches on, ready-made: what starts it, how long it waits, what it sends.
public enum FlowRecipe: String, Sendable, CaseIterable, Codable {
    /// A checkout begun and not completed: one reminder with the cart's items and the link back to it.
    case abandonedCart = "abandoned_cart"
    /// Products looked at, and neither a checkout nor an order after: one email with what was viewed.
    case browseAbandonment = "browse_abandonment"
    /// Marketing email allowed for the first time: one welcome.
    case welcome
    /// An order delivered: how to get the most from what arrived, and where to get help.
    case postPurchase = "post_purchase"
    /// Consumables delivered: an invitation to order again when they run low, per product.
    case replenishment
    /// A second or later order: a thank-you.
    case thankYou = "thank_you"
    /// No order for a long time since the last: one invitation back.
    case winBack = "win_back"

    /// What starts a run.
    public enum Trigger: String, Sendable {
        case checkout
        case productViewed = "product_viewed"
        case emailConsent = "email_consent"
        case orderPlaced = "order_placed"
        case orderDelivered = "order_delivered"
    }

    public var trigger: Trigger {
        switch self {
        case .abandonedCart: .checkout
        case .browseAbandonment: .productViewed
        case .welcome: .emailConsent
        case .postPurchase, .replenishment: .orderDelivered
        case .thankYou, .winBack: .orderPlaced
        }
    }

    /// How long the recipe waits after its trigger unless the shop says otherwise.
    public var defaultWait: TimeInterval {
        switch self {
        case .abandonedCart: 3600
        case .browseAbandonment: 86400
        case .welcome: 600
        case .postPurchase: 3 * 86400
        case .replenishment: 30 * 86400
        case .thankYou: 86400
        case .winBack: 90 * 86400
        }
    }

    /// The waits a shop may set: a reminder of a cart a week old is noise, a win-back after an hour absurd.
    public var waits: ClosedRange<TimeInterval> {
        switch self {
        case .abandonedCart, .browseAbandonment: 600...(2 * 86400)
        case .welcome, .thankYou: 600...(7 * 86400)
        case .postPurchase: 3600...(30 * 86400)
        case .replenishment: 86400...(365 * 86400)
        case .winBack: (14 * 86400)...(365 * 86400)
        }
    }

    /// The latest moment its message is still worth sending, for a run triggered at `began` and due at `due`.
    public func expiry(began: Date, due: Date) -> Date {
        switch self {
        case .abandonedCart, .browseAbandonment: began + 3 * 86400
        case .welcome, .postPurchase: due + 7 * 86400
        case .replenishment: due + 14 * 86400
        case .thankYou: due + 3 * 86400
        case .winBack: due + 30 * 86400
        }
    }

    /// How long after a customer's run starts no other may start for them; nil when each trigger
    /// starts its own (every order, every checkout), and the run's key keeps repeats out.
    public var reentry: TimeInterval? {
        switch self {
        case .browseAbandonment: 7 * 86400
        default: nil
        }
    }

    /// The topic of the messages it sends (`marketing.abandoned_cart`); every one is marketing.
    public var topic: String { "marketing.\(rawValue)" }
}

/// A recipe as a shop set it.
public struct FlowSettings: Sendable, Equatable {
    public var recipe: FlowRecipe
    public var enabled: Bool
    public var wait: TimeInterval
    /// Replenishment's days per product (by SKU); a product not listed lasts `wait`.
    public var intervals: [String: Int]
    /// Only customers in this segment (its row id) get the flow's email; nil is everyone.
    public var segmentID: Int64?

    public init(
        recipe: FlowRecipe, enabled: Bool = false, wait: TimeInterval? = nil, intervals: [String: Int] = [:], segmentID: Int64? = nil
    ) {
        self.recipe = recipe
        self.enabled = enabled
        self.wait = wait ?? recipe.defaultWait
        self.intervals = intervals
        self.segmentID = segmentID
    }

    /// How long a product lasts after delivery, by its SKU.
    public func interval(sku: String?) -> TimeInterval {
        sku.flatMap { intervals[$0] }.map { TimeInterval($0) * 86400 } ?? wait
    }
}

import Foundation

/// What an abandoned-cart run does when its time comes: remind, wait longer, or stop.
///
/// The reminder goes `wait` after the checkout last changed (someone still filling it in is not
/// gone), once, while the cart is worth reminding of (within `lifetime` of the checkout's start). An
/// order placed since the checkout began is the goal reached: no reminder, ever.
public enum AbandonedCartPolicy {
    public enum Exit: String, Sendable, CaseIterable {
        /// The customer ordered: the goal.
        case ordered
        /// The cart was emptied.
        case emptied
        /// Too late to be of use.
        case expired
    }

    public enum Decision: Sendable, Equatable {
        case remind
        case later(Date)
        case exit(Exit)
    }

    /// A platform's clocks and Parley's differ by seconds: an order placed just before the checkout
    /// event arrived still completes it.
    static let clockSkew: TimeInterval = 120

    public static func decide(
        began: Date, changed: Date, items: Int, lastOrder: Date?, now: Date, wait: TimeInterval, lifetime: TimeInterval
    ) -> Decision {
        if let lastOrder, lastOrder >= began - clockSkew { return .exit(.ordered) }
        if items == 0 { return .exit(.emptied) }
        let due = changed + wait
        if now < due { return due > began + lifetime ? .exit(.expired) : .later(due) }
        return now > began + lifetime ? .exit(.expired) : .remind
    }
}

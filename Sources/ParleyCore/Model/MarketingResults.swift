import Foundation

/// What a flow's or a campaign's emails achieved: their messages by status, the orders their
/// recipients placed within the attribution window after one (with revenue per currency), and how
/// many recipients left marketing email in that window.
public struct MarketingResults: Sendable, Equatable {
    /// How long after an email an order or an unsubscribe is put down to it: five days, as the
    /// marketing tools shops know count by default.
    public static let window: TimeInterval = 5 * 86400

    /// Messages by status now: queued (including those the budget holds), sent, delivered, bounced, failed…
    public var messages: [String: Int]
    /// Orders placed within the window after an email sent to their customer (cancelled and refunded ones not counted).
    public var orders: Int
    /// Their totals in minor units, by currency.
    public var revenue: [String: Int64]
    public var unsubscribed: Int

    public init(messages: [String: Int] = [:], orders: Int = 0, revenue: [String: Int64] = [:], unsubscribed: Int = 0) {
        self.messages = messages
        self.orders = orders
        self.revenue = revenue
        self.unsubscribed = unsubscribed
    }

    /// An email sent at `sent` is credited with what happened at `at`.
    public static func credits(sent: Date, at: Date) -> Bool {
        at >= sent && at < sent + window
    }
}

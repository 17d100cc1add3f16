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
    /// Emails a person opened (their click counts as an open: many read with images off).
    public var opened: Int
    /// Emails whose only opens were a machine's, such as Apple's privacy proxy: perhaps read, perhaps not.
    public var openedByMachine: Int
    /// Emails in which a person followed a link.
    public var clicked: Int
    /// Emails their recipient marked as spam (feedback-loop reports).
    public var complained: Int
    /// The links people followed, most followed first, with how many emails each was followed from.
    public var links: [Link]

    public struct Link: Sendable, Equatable {
        public var url: String
        public var messages: Int

        public init(url: String, messages: Int) {
            self.url = url
            self.messages = messages
        }
    }

    public init(
        messages: [String: Int] = [:], orders: Int = 0, revenue: [String: Int64] = [:], unsubscribed: Int = 0, opened: Int = 0,
        openedByMachine: Int = 0, clicked: Int = 0, complained: Int = 0, links: [Link] = []
    ) {
        self.messages = messages
        self.orders = orders
        self.revenue = revenue
        self.unsubscribed = unsubscribed
        self.opened = opened
        self.openedByMachine = openedByMachine
        self.clicked = clicked
        self.complained = complained
        self.links = links
    }

    /// An email sent at `sent` is credited with what happened at `at`.
    public static func credits(sent: Date, at: Date) -> Bool {
        at >= sent && at < sent + window
    }
}

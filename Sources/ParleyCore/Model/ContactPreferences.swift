import Foundation

/// What a customer chose in the preference centre beyond consent: how often marketing may reach
/// them, which kinds of it, and a pause. They only ever hold marketing back; they never grant anything.
public struct ContactPreferences: Sendable, Equatable {
    /// A kind of marketing a customer may turn off on its own.
    public enum Topic: String, Sendable, CaseIterable, Codable {
        /// Campaigns, the welcome, thanks and invitations back.
        case news
        /// About a cart or products left behind.
        case reminders
        /// About what they bought: how to use it, when to restock.
        case tips

        /// The kind of a marketing message's topic (`marketing.abandoned_cart`); nil for one that is not marketing.
        public init?(messageTopic: String) {
            guard messageTopic.hasPrefix("marketing.") else { return nil }
            switch messageTopic.dropFirst("marketing.".count) {
            case "abandoned_cart", "browse_abandonment": self = .reminders
            case "post_purchase", "replenishment": self = .tips
            default: self = .news
            }
        }
    }

    public enum Frequency: String, Sendable, CaseIterable, Codable {
        /// As often as the shop's own budget allows.
        case shop
        case weekly
        case monthly
    }

    public var frequency: Frequency
    /// No marketing before this moment.
    public var pausedUntil: Date?
    /// The kinds of marketing the customer turned off.
    public var topicsOff: Set<Topic>

    public init(frequency: Frequency = .shop, pausedUntil: Date? = nil, topicsOff: Set<Topic> = []) {
        self.frequency = frequency
        self.pausedUntil = pausedUntil
        self.topicsOff = topicsOff
    }

    /// How long "pause for a month" pauses.
    public static let pauseLength: TimeInterval = 30 * 86400

    /// The customer's own cap, counted across every channel: one a week or one a month.
    public var cap: ContactPressure.Cap? {
        switch frequency {
        case .shop: nil
        case .weekly: .init(1, per: .week)
        case .monthly: .init(1, per: .month)
        }
    }
}

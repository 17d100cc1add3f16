import Foundation

/// What a customer chose in the preference centre beyond consent: how often marketing may reach
/// them, and a pause. Both only ever hold marketing back; they never grant anything.
public struct ContactPreferences: Sendable, Equatable {
    public enum Frequency: String, Sendable, CaseIterable, Codable {
        /// As often as the shop's own budget allows.
        case shop
        case weekly
        case monthly
    }

    public var frequency: Frequency
    /// No marketing before this moment.
    public var pausedUntil: Date?

    public init(frequency: Frequency = .shop, pausedUntil: Date? = nil) {
        self.frequency = frequency
        self.pausedUntil = pausedUntil
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

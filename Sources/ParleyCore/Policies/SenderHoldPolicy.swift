/// Whether an email from one sender is filed, or held as a likely mail loop or flood.
///
/// Dozens of emails from one address within an hour is not a person writing: it is an
/// auto-responder answering an auto-responder, or a flood. Filing them would bury the inbox and
/// could answer each one; held, they are stored, not filed and not answered, until an agent
/// releases them.
public enum SenderHoldPolicy {
    public enum Decision: Equatable, Sendable {
        case file
        /// Held. `announce` for the first mail held in a flood, so agents hear of it once and the
        /// rest wait quietly in the list.
        case hold(announce: Bool)
    }

    /// Emails one sender may have filed within an hour, unless the shop sets `inbox.sender_hourly_limit`.
    public static let defaultHourlyLimit = 30

    /// `recent`: the sender's emails received within the hour before this one. An email an agent
    /// released is filed whatever the count.
    public static func decide(recent: Int, hourlyLimit: Int, released: Bool) -> Decision {
        guard !released, recent >= hourlyLimit else { return .file }
        return .hold(announce: recent == hourlyLimit)
    }
}

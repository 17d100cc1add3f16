import ParleyCore

/// A customer's preference centre and one-click unsubscribe addresses, with their current choices.
public struct PreferenceLinks: Sendable, Equatable {
    public let url: String
    public let unsubscribeURL: String
    public let preferences: ContactPreferences
}

import ParleyCore

/// What the preference centre shows a customer: the channels they can be reached on, whether
/// marketing may use each, and their frequency and pause.
public struct PreferencePage: Sendable, Equatable {
    public struct ChannelState: Sendable, Equatable {
        public let channel: Channel
        /// The address or number, partly hidden: the link may be forwarded.
        public let maskedAddress: String
        public let marketing: Bool
        /// Closed to everything (an SMS STOP): marketing there waits for the customer to reopen it.
        public let closed: Bool

        public init(channel: Channel, maskedAddress: String, marketing: Bool, closed: Bool) {
            self.channel = channel
            self.maskedAddress = maskedAddress
            self.marketing = marketing
            self.closed = closed
        }
    }

    public let shop: Shop
    public let customerPublicID: String
    public let customerLocale: String?
    public let customerTimeZone: String?
    public let channels: [ChannelState]
    public let preferences: ContactPreferences
}

import Foundation

/// A channel a shop can reach a customer on outside a conversation the customer started.
public enum Channel: String, Sendable, CaseIterable, Codable {
    case email
    case sms
}

/// Which channel a customer wants to hear from the shop on.
public enum PreferredChannel: String, Sendable, CaseIterable, Codable {
    case email
    case sms
    case both
}

/// A customer's permission to be contacted on one channel, with where and when it was given or withdrawn.
public struct Consent: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case granted
        case revoked
    }

    public var channel: Channel
    public var status: Status
    /// Where the decision was made: `checkout`, `widget`, `api`, `import`, `unsubscribe-link`…
    public var source: String
    public var recordedAt: Date

    public init(channel: Channel, status: Status, source: String, recordedAt: Date) {
        self.channel = channel
        self.status = status
        self.source = source
        self.recordedAt = recordedAt
    }
}

import Foundation

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

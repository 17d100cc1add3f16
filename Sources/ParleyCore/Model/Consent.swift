import Foundation

/// A customer's permission to be contacted on one channel for one purpose, with where and when it
/// was given or withdrawn.
///
/// Purposes are separate so that leaving the newsletter does not stop the parcel's tracking emails:
/// an unsubscribe link revokes marketing on email only. Revoking the transactional purpose closes the
/// channel for everything (an SMS `STOP`, as carriers require).
public struct Consent: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case granted
        case revoked
        /// Given, and waiting for the customer to confirm it from the email sent to the address (double
        /// opt-in): nothing marketing goes until then.
        case pending
    }

    public enum Purpose: String, Sendable, CaseIterable, Codable {
        /// Messages about what the customer bought or asked: order updates, replies.
        case transactional
        /// Newsletters, flows and campaigns.
        case marketing
    }

    public var channel: Channel
    public var purpose: Purpose
    public var status: Status
    /// Where the decision was made: `checkout`, `widget`, `api`, `import`, `unsubscribe-link`…
    public var source: String
    public var recordedAt: Date

    public init(channel: Channel, purpose: Purpose = .marketing, status: Status, source: String, recordedAt: Date) {
        self.channel = channel
        self.purpose = purpose
        self.status = status
        self.source = source
        self.recordedAt = recordedAt
    }
}

extension Customer {
    /// The customer's last decision for `channel` and `purpose`, if they made one.
    public func consent(_ channel: Channel, for purpose: Consent.Purpose) -> Consent.Status? {
        consents.first { $0.channel == channel && $0.purpose == purpose }?.status
    }

    /// Whether marketing may be sent on `channel`: granted for marketing, and the channel not closed.
    public func allowsMarketing(on channel: Channel) -> Bool {
        consent(channel, for: .marketing) == .granted && consent(channel, for: .transactional) != .revoked
    }
}

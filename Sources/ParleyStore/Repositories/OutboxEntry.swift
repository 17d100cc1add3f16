import Foundation
import ParleyCore

/// One message the demo's outbox kept instead of sending.
public struct OutboxEntry: Sendable, Equatable {
    public let id: Int64
    public let channel: Channel
    public let recipient: String
    public let subject: String?
    /// The text a person reads: the email's text part, or the SMS.
    public let body: String
    /// The whole email as it would have gone on the wire.
    public let raw: [UInt8]?
    public let createdAt: Date
}

import Foundation
import ParleyCore

/// One change of a message's state.
public struct MessageEvent: Sendable, Equatable {
    public let status: MessageStatus
    public let detail: String?
    public let occurredAt: Date
}

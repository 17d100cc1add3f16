import Foundation
import ParleyCore

/// One entry of a conversation's history.
public struct ConversationEvent: Sendable, Equatable {
    public let id: Int64
    /// `status.changed`, `reopened`, `merged`, `split`, …
    public let kind: String
    public let agentID: Int64?
    /// What changed: a value, or a JSON document for merges and splits (so they can be undone).
    public let detail: String?
    public let occurredAt: Date
}

import Foundation

/// How urgently a conversation needs an answer; SLA policies may differ by priority.
public enum ConversationPriority: String, Sendable, Codable, CaseIterable {
    case low, normal, high, urgent
}

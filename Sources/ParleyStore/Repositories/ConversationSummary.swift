import Foundation
import ParleyCore

/// A conversation with the outside names of what it points to, as lists and the API show it.
public struct ConversationSummary: Sendable, Equatable {
    public let conversation: Conversation
    public let customerPublicID: String?
    public let assigneeEmail: String?
    public let mergedIntoPublicID: String?
    public var tags: [String]
    public var customerName: String? = nil
    public var assigneeName: String? = nil
    /// The start of the latest message between customer and agent, for the inbox list.
    public var preview: String? = nil
    /// When the viewing agent last opened it; nil when never (or no viewer was given).
    public var readAt: Date? = nil

    /// Something arrived since the viewing agent last opened it.
    public var unread: Bool { readAt.map { conversation.lastMessageAt > $0 } ?? true }
}

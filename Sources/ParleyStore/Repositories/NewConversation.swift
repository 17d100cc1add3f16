import Foundation
import ParleyCore

/// A conversation about to be opened.
public struct NewConversation: Sendable {
    public var customerID: Int64?
    public var channel: ConversationChannel
    public var subject: String
    public var normalizedSubject: String
    public var status: ConversationStatus
    public var priority: ConversationPriority

    public init(
        customerID: Int64?, channel: ConversationChannel, subject: String, normalizedSubject: String,
        status: ConversationStatus = .open, priority: ConversationPriority = .normal
    ) {
        self.customerID = customerID
        self.channel = channel
        self.subject = subject
        self.normalizedSubject = normalizedSubject
        self.status = status
        self.priority = priority
    }
}

import Foundation
import ParleyCore

/// A callback request with what the queue shows beside it.
public struct QueuedCallback: Sendable, Equatable {
    public let request: CallbackRequest
    public let conversationPublicID: String
    public let customerName: String?
    public let assigneeID: Int64?
}

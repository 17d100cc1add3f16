import Foundation
import ParleyCore
import ParleyStore

/// A conversation message with what the API and the agent app show beside it.
public struct ConversationMessageDetails: Sendable {
    public let message: ConversationMessage
    public let attachments: [AttachmentInfo]
    /// The delivery record of a reply or acknowledgement, with its state.
    public let delivery: OutboundMessage?
    /// The public id of the raw email it came from, for viewing the original.
    public let original: String?
    /// How a logged phone call went.
    public var call: PhoneCall? = nil
}

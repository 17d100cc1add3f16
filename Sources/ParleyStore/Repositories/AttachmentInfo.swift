import Foundation
import ParleyCore

/// A file that came with a message, without its bytes.
public struct AttachmentInfo: Sendable, Equatable {
    public let id: Int64
    public let publicID: String
    public let conversationMessageID: Int64
    public let filename: String?
    public let contentType: String
    public let contentID: String?
    public let isInline: Bool
    public let size: Int64
}

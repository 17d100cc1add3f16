import Foundation
import ParleyCore

/// A file to store with a conversation message.
public struct NewAttachment: Sendable {
    public var filename: String?
    public var contentType: String
    public var contentID: String?
    public var isInline: Bool
    public var data: [UInt8]

    public init(filename: String?, contentType: String, contentID: String?, isInline: Bool, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.isInline = isInline
        self.data = data
    }
}

import Foundation
import ParleyCore

/// A message as it arrived, byte for byte, with how it came in.
public struct InboundMail: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let publicID: String
    /// `smtp`, `mailgate` or `api`.
    public let source: String
    public let envelopeFrom: String?
    public let envelopeTo: [String]
    public let remoteAddress: String?
    /// The bytes as they came; empty in lists, which leave them in the database.
    public let raw: [UInt8]
    public let size: Int
    /// The address in From, once filed.
    public var sender: String?
    public var status: InboundMailStatus
    public var detail: String?
    public var conversationID: Int64?
    public let receivedAt: Date
    public var processedAt: Date?
}

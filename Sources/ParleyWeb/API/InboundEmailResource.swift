import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// A received email's state: stored, filed into a conversation, or set aside.
struct InboundEmailResource: Encodable {
    let id: String
    let status: String
    let source: String
    let size: Int
    let sender: String?
    let detail: String?
    let conversation: String?
    let receivedAt: Date
    let processedAt: Date?
}

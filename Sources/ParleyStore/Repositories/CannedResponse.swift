import Foundation
import ParleyCore

/// A saved answer agents insert by its shortcut; placeholders such as `{{customer.name}}` are filled
/// in for each conversation.
public struct CannedResponse: Sendable, Equatable {
    public let id: Int64
    public let publicID: String
    public var shortcut: String
    public var title: String
    public var body: String
    public let createdAt: Date
    public var updatedAt: Date
}

import Foundation
import ParleyCore

/// A message as the chat widget shows it: what the visitor sees of a chat conversation, without
/// agents' notes and logged calls.
public struct ChatLine: Sendable, Equatable {
    public let id: Int64
    public let publicID: String
    public let kind: ConversationMessage.Kind
    public let text: String
    /// The agent's name, for their answers.
    public let agentName: String?
    /// The widget's own id, for the messages it sent.
    public let clientID: String?
    /// How many files came with it.
    public let files: Int
    public let createdAt: Date

    public init(
        id: Int64, publicID: String, kind: ConversationMessage.Kind, text: String, agentName: String?, clientID: String?, files: Int,
        createdAt: Date
    ) {
        self.id = id
        self.publicID = publicID
        self.kind = kind
        self.text = text
        self.agentName = agentName
        self.clientID = clientID
        self.files = files
        self.createdAt = createdAt
    }
}

import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// The agent behind a request to the agent application, with their shop and how they read text and times.
struct SignedInAgent: Sendable {
    let agent: Agent
    let shop: Shop
    let csrfToken: String
    /// The language of their screens: their choice, else the browser's best.
    let language: String
    let format: AgentFormat
    /// The demo keeps what it sends in an outbox the app shows.
    let outbox: Bool

    /// Marketers run campaigns; they do not read customers' conversations.
    var seesConversations: Bool { agent.role != .marketer }
    /// Owners and administrators manage settings, agents and keys.
    var managesSettings: Bool { agent.role == .owner || agent.role == .admin }
}

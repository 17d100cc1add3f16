import Foundation
import ParleyCore

/// A signed-in agent's session: found by the hash of the cookie's token, never by the token itself.
public struct AgentSession: Sendable {
    public let agent: Agent
    public let csrfToken: String
    public let expiresAt: Date
    public var stage: SessionStage = .complete
}

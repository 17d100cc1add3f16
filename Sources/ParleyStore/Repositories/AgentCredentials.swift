import Foundation
import ParleyCore

/// An agent with the bcrypt hash their password is checked against.
public struct AgentCredentials: Sendable {
    public let agent: Agent
    public let passwordHash: String
    /// Whether a code from their authenticator app is asked for after the password.
    public let twoFactorEnabled: Bool
}

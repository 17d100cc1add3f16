import Foundation
import HummingbirdBcrypt
import ParleyCore
import ParleyStore

/// A new session: the token goes into the cookie; only its hash is stored. Its `stage` says
/// whether the agent is in, still owes a two-step code, or must first set two-step sign-in up.
public struct NewSession: Sendable {
    public let agent: Agent
    public let token: String
    public let csrfToken: String
    public let expiresAt: Date
    public let stage: SessionStage
}

import Foundation
import ParleyCore

/// An agent's two-step sign-in: the authenticator secret (base32; set before it is confirmed), when
/// it was confirmed, the last code step used, and the SHA-256 of each unused recovery code.
public struct AgentTwoFactor: Sendable {
    public let secret: String?
    public let enabledAt: Date?
    public let lastStep: Int64?
    public let recoveryHashes: [String]
}

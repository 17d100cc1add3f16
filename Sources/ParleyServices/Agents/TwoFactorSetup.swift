import Crypto
import Foundation
import ParleyCore
import ParleyStore

/// What an agent sees while setting up two-step sign-in: the secret to type or the link to tap.
public struct TwoFactorSetup: Sendable {
    /// Base32 in groups of four, as authenticator apps ask for it.
    public let secret: String
    /// `otpauth://totp/…`, which phones open in their authenticator app.
    public let uri: String
}

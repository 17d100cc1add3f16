import Crypto
import Foundation
import ParleyCore
import ParleyStore

/// Why a two-step code was not taken.
public enum TwoFactorError: Error, Equatable, Sendable {
    /// Not the current code, not a recovery code, or a code already used.
    case wrongCode
    /// The agent has not set up two-step sign-in (or not confirmed it yet).
    case notSetUp
    /// The shop requires two-step sign-in, so its agents cannot turn it off.
    case required
}

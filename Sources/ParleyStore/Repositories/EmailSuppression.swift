import Foundation
import ParleyCore

/// An email address automatic mail skips, and why.
public struct EmailSuppression: Sendable, Equatable {
    public let id: Int64
    /// The address in lower case.
    public let address: String
    /// `bounced`: a receiving server said the address does not exist or is disabled.
    public let reason: String
    /// The receiving server's words.
    public let detail: String?
    public let createdAt: Date
}

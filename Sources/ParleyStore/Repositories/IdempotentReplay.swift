import Foundation
import ParleyCore

/// A request seen before under the same `Idempotency-Key`.
public enum IdempotentReplay: Sendable, Equatable {
    /// The first request finished: answer exactly as it was answered.
    case completed(status: Int, contentType: String?, body: Data)
    /// The first request is still running.
    case inProgress
    /// The key was used for a different request.
    case mismatch
}

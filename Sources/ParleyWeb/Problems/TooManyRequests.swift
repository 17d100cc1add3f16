import Foundation
import Hummingbird
import Logging
import NIOCore
import ParleyServices

/// Refused because the caller sent too many requests; `retryAfterSeconds` says when to come back.
struct TooManyRequests: Error {
    let detail: String
    let retryAfterSeconds: Int
}

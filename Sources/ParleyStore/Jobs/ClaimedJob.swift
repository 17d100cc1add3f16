import Foundation
import ParleyCore

/// A job a worker holds a lease on. `attempt` fences it: once the lease expires and another worker
/// claims the job, this worker's completion no longer counts.
public struct ClaimedJob: Sendable, Equatable {
    public let id: Int64
    public let shop: ShopID
    public let kind: String
    public let payload: String
    /// 1 for the first run.
    public let attempt: Int
    public let maxAttempts: Int
    public let workerID: String
}

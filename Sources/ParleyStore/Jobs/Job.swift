import Foundation
import ParleyCore

/// Work to do later, at least once, by whichever worker claims it first.
public struct NewJob: Sendable {
    public var shop: ShopID
    /// Which handler runs it (`message.send`).
    public var kind: String
    /// The handler's input, usually JSON.
    public var payload: String
    /// Not before this time: delays ("3 days after delivery") are jobs, not timers.
    public var runAt: Date
    /// A second job of the same kind with the same key in the shop is not enqueued again.
    public var idempotencyKey: String?
    public var maxAttempts: Int

    public init(shop: ShopID, kind: String, payload: String, runAt: Date, idempotencyKey: String? = nil, maxAttempts: Int = 8) {
        self.shop = shop
        self.kind = kind
        self.payload = payload
        self.runAt = runAt
        self.idempotencyKey = idempotencyKey
        self.maxAttempts = maxAttempts
    }
}

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

/// What staff see of a job.
public struct JobRecord: Sendable, Equatable {
    public let id: Int64
    public let shop: ShopID
    public let kind: String
    public let status: JobStatus
    public let attempts: Int
    public let lastError: String?
    public let runAt: Date
    public let lockedBy: String?
}

import Foundation
import ParleyCore

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

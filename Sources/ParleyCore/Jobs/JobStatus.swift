/// Where a job is in its life. A job only moves forward: `queued → running → done`, or back to
/// `queued` for a retry, or to `dead` after its last attempt.
public enum JobStatus: String, Sendable, CaseIterable, Codable {
    case queued
    case running
    case done
    /// Every attempt failed; shown to staff, never retried on its own.
    case dead
}

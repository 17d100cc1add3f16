import ParleyStore

/// Runs one kind of job. A handler must be safe to run twice for the same job: a worker that dies
/// after the work but before recording it done leaves the job to run again (at-least-once).
public protocol JobHandler: Sendable {
    /// The `kind` of jobs this handler runs.
    var kind: String { get }
    /// Does the work; throwing schedules a retry, or ends the job as dead after its last attempt.
    func perform(_ job: ClaimedJob) async throws
}

import Synchronization

/// What a transaction's body did that matters once it has committed.
final class TransactionEffects: Sendable {
    @TaskLocal static var current: TransactionEffects?

    private let enqueued = Atomic<Bool>(false)

    var enqueuedJobs: Bool { enqueued.load(ordering: .relaxed) }

    func noteEnqueued() { enqueued.store(true, ordering: .relaxed) }
}

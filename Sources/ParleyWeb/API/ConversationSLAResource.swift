import Foundation
import ParleyCore

/// A conversation's SLA clocks as the API shows them: what is due and when, and what was achieved.
struct ConversationSLAResource: Encodable {
    struct Due: Encodable {
        let target: String
        let startedAt: Date
        let dueAt: Date
        /// Set once the sweep at `due_at` has recorded the breach.
        let breached: Bool
    }

    struct Achieved: Encodable {
        let target: String
        let startedAt: Date
        let achievedAt: Date
        let businessSeconds: Int
        let breached: Bool
    }

    let nextDueAt: Date?
    let due: [Due]
    /// Business seconds left on the resolution target while the conversation waits for the customer.
    let resolutionPausedSeconds: Int?
    let achieved: [Achieved]

    init(_ clock: SLAClock) {
        nextDueAt = clock.nextDeadline
        due = clock.due.map {
            Due(target: $0.target.rawValue, startedAt: $0.startedAt, dueAt: $0.dueAt, breached: $0.breachedAt != nil)
        }
        resolutionPausedSeconds = clock.pausedResolution.map { Int($0.rounded()) }
        achieved = clock.achieved.map {
            Achieved(
                target: $0.target.rawValue, startedAt: $0.startedAt, achievedAt: $0.achievedAt,
                businessSeconds: Int($0.businessTime.rounded()), breached: $0.breached)
        }
    }
}

import Foundation

/// The SLA clocks of one conversation, as a pure state machine the service feeds with events and
/// persists as JSON (it is `Codable`; the policy is kept inside, so changing a shop's policy does not
/// move deadlines already running).
///
/// - A customer's message starts **first response** while the shop has never written, or **next
///   response** once it has (an agent's reply, or the shop's own first message), unless a response
///   clock already runs. It starts **resolution** when none runs, and resumes a paused one (the
///   customer answered).
/// - An agent's reply stops the running response clock and records the result.
/// - `pending` and `snoozed` pause resolution, keeping the business time left; `open` resumes it;
///   `resolved` stops it (recording the result) and drops response clocks without a result.
///
/// ``Due/dueAt`` is the first instant of breach: a reply at `dueAt` is late, and a sweep scheduled at
/// ``nextDeadline`` finds the breach. ``markBreaches(at:)`` reports each breach once.
///
/// ```swift
/// var clock = SLAClock(policy: SLAPolicy(firstResponse: 3600, businessHours: warsaw))
/// clock.customerWrote(at: fridayAt1630)
/// clock.nextDeadline  // Monday 09:30
/// ```
public struct SLAClock: Sendable, Equatable, Codable {
    /// What is measured.
    public enum Target: String, Sendable, Codable, CaseIterable {
        case firstResponse = "first_response"
        case nextResponse = "next_response"
        case resolution
    }

    /// A running target.
    public struct Due: Sendable, Equatable, Codable {
        public var target: Target
        /// The customer message that started it.
        public var startedAt: Date
        public var dueAt: Date
        /// When it was breached, once ``markBreaches(at:)`` (or a pause) saw it.
        public var breachedAt: Date?

        /// A running target.
        public init(target: Target, startedAt: Date, dueAt: Date, breachedAt: Date? = nil) {
            self.target = target
            self.startedAt = startedAt
            self.dueAt = dueAt
            self.breachedAt = breachedAt
        }
    }

    /// A stopped target, for reports.
    public struct Achieved: Sendable, Equatable, Codable {
        public var target: Target
        public var startedAt: Date
        public var achievedAt: Date
        /// Business time taken, without time paused.
        public var businessTime: TimeInterval
        public var breached: Bool

        /// A stopped target.
        public init(target: Target, startedAt: Date, achievedAt: Date, businessTime: TimeInterval, breached: Bool) {
            self.target = target
            self.startedAt = startedAt
            self.achievedAt = achievedAt
            self.businessTime = businessTime
            self.breached = breached
        }
    }

    struct Run: Sendable, Equatable, Codable {
        var startedAt: Date
        var resumedAt: Date
        /// Business time counted before ``resumedAt``.
        var elapsed: TimeInterval
        var dueAt: Date
        /// Business time left, while paused.
        var pausedRemaining: TimeInterval?
        var breachedAt: Date?
    }

    /// The policy the clocks count by.
    public private(set) var policy: SLAPolicy
    /// Stopped targets, oldest first.
    public private(set) var achieved: [Achieved] = []
    private var firstResponseRun: Run?
    private var nextResponseRun: Run?
    private var resolutionRun: Run?
    private var shopHasWritten = false

    /// No clock runs yet.
    public init(policy: SLAPolicy) {
        self.policy = policy
    }

    /// A customer's message arrived at `instant`.
    public mutating func customerWrote(at instant: Date) {
        if self[.firstResponse] == nil, self[.nextResponse] == nil {
            start(shopHasWritten ? .nextResponse : .firstResponse, at: instant)
        }
        if self[.resolution] == nil {
            start(.resolution, at: instant)
        } else {
            resumeResolution(at: instant)
        }
    }

    /// An agent's reply was sent at `instant`; a message the shop starts a conversation with counts too.
    public mutating func agentReplied(at instant: Date) {
        shopHasWritten = true
        for target in [Target.firstResponse, .nextResponse] {
            if let run = self[target] {
                achieved.append(result(target, run, at: instant))
                self[target] = nil
            }
        }
    }

    /// The conversation's status changed at `instant`.
    public mutating func statusChanged(to status: ConversationStatus, at instant: Date) {
        switch status {
        case .pending, .snoozed:
            guard var run = resolutionRun, run.pausedRemaining == nil else { return }
            let hours = policy.businessHours
            run.elapsed += hours.businessTime(from: run.resumedAt, to: instant)
            run.pausedRemaining = hours.businessTime(from: instant, to: run.dueAt)
            if instant >= run.dueAt, run.breachedAt == nil { run.breachedAt = run.dueAt }
            resolutionRun = run
        case .open:
            resumeResolution(at: instant)
        case .resolved:
            if let run = resolutionRun { achieved.append(result(.resolution, run, at: instant)) }
            resolutionRun = nil
            firstResponseRun = nil
            nextResponseRun = nil
        }
    }

    /// Counts by `policy` from `now` on, as when an agent changes a conversation's priority: running
    /// targets are timed again from when they started with the new durations (time already counted
    /// stays counted), a target the new policy does not track stops without a result, and a breach
    /// recorded stays recorded only while the new due time has passed.
    public mutating func adopt(_ policy: SLAPolicy, at now: Date) {
        self.policy = policy
        for target in Target.allCases {
            guard var run = self[target] else { continue }
            guard let duration = policy.duration(of: target) else {
                self[target] = nil
                continue
            }
            let remaining = max(0, duration - run.elapsed)
            if run.pausedRemaining != nil {
                run.pausedRemaining = remaining
            } else {
                run.dueAt = policy.businessHours.adding(remaining, to: run.resumedAt)
                if run.breachedAt != nil { run.breachedAt = now >= run.dueAt ? run.dueAt : nil }
            }
            self[target] = run
        }
    }

    /// Running targets, in ``Target`` order; a paused one is not running.
    public var due: [Due] {
        Target.allCases.compactMap { target in
            guard let run = self[target], run.pausedRemaining == nil else { return nil }
            return Due(target: target, startedAt: run.startedAt, dueAt: run.dueAt, breachedAt: run.breachedAt)
        }
    }

    /// Running targets whose due time has come at `now`.
    public func breaches(at now: Date) -> [Target] {
        due.filter { now >= $0.dueAt }.map(\.target)
    }

    /// Records the breaches at `now` not recorded before and returns them: what to notify agents of.
    public mutating func markBreaches(at now: Date) -> [Target] {
        let new = due.filter { $0.breachedAt == nil && now >= $0.dueAt }.map(\.target)
        for target in new {
            guard var run = self[target] else { continue }
            run.breachedAt = run.dueAt
            self[target] = run
        }
        return new
    }

    /// The earliest due time not yet breached: when to run the next sweep; `nil` when nothing runs.
    public var nextDeadline: Date? {
        due.filter { $0.breachedAt == nil }.map(\.dueAt).min()
    }

    /// Business time left on a paused resolution clock.
    public var pausedResolution: TimeInterval? { resolutionRun?.pausedRemaining }

    /// The business time the shop took to answer first, once it has.
    public var firstResponseTime: TimeInterval? {
        achieved.first { $0.target == .firstResponse }?.businessTime
    }

    private subscript(target: Target) -> Run? {
        get {
            switch target {
            case .firstResponse: return firstResponseRun
            case .nextResponse: return nextResponseRun
            case .resolution: return resolutionRun
            }
        }
        set {
            switch target {
            case .firstResponse: firstResponseRun = newValue
            case .nextResponse: nextResponseRun = newValue
            case .resolution: resolutionRun = newValue
            }
        }
    }

    private mutating func start(_ target: Target, at instant: Date) {
        guard let duration = policy.duration(of: target) else { return }
        let dueAt = policy.businessHours.adding(duration, to: instant)
        self[target] = Run(startedAt: instant, resumedAt: instant, elapsed: 0, dueAt: dueAt, pausedRemaining: nil, breachedAt: nil)
    }

    private mutating func resumeResolution(at instant: Date) {
        guard var run = resolutionRun, let remaining = run.pausedRemaining else { return }
        run.resumedAt = instant
        run.dueAt = policy.businessHours.adding(remaining, to: instant)
        run.pausedRemaining = nil
        resolutionRun = run
    }

    private func result(_ target: Target, _ run: Run, at instant: Date) -> Achieved {
        let running = run.pausedRemaining == nil
        let taken = run.elapsed + (running ? policy.businessHours.businessTime(from: run.resumedAt, to: instant) : 0)
        let breached = run.breachedAt != nil || (running && instant >= run.dueAt)
        return Achieved(target: target, startedAt: run.startedAt, achievedAt: instant, businessTime: taken, breached: breached)
    }
}

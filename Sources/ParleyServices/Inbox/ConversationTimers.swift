import Foundation
import ParleyCore
import ParleyStore

/// The deadlines a conversation waits for: its next SLA due time and the end of a snooze.
///
/// Each save of a conversation (`DatabaseSession.save`) schedules the job `conversation.timers` at the earliest deadline, a
/// job with a future `run_at` (no timer in memory, so a restart loses nothing). When it runs, a
/// snoozed conversation whose time has come is open again and each SLA target now overdue is
/// recorded once as `sla.breached` in the conversation's history and announced to agents.
public struct ConversationTimers: JobHandler {
    public static let kind = "conversation.timers"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let events: InboxEvents

    public init(database: ParleyDatabase, clock: any WallClock, events: InboxEvents) {
        self.database = database
        self.clock = clock
        self.events = events
    }

    struct Payload: Codable {
        var conversation: Int64
    }

    /// Wakes `conversation` at `deadline`; the idempotency key keeps one job per deadline.
    static func schedule(_ conversation: Conversation, at deadline: Date, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(conversation: conversation.id)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(
                shop: conversation.shopID, kind: kind, payload: payload, runAt: deadline,
                idempotencyKey: "\(conversation.id)@\(Int64(deadline.timeIntervalSince1970 * 1000))"),
            on: sql, now: now)
    }

    /// When the conversation next needs its timers job: its SLA's next due time or the end of its snooze.
    static func nextDeadline(_ conversation: Conversation) -> Date? {
        let deadlines = [conversation.sla?.nextDeadline, conversation.status == .snoozed ? conversation.snoozedUntil : nil]
        return deadlines.compactMap { $0 }.min().flatMap { $0 < .distantFuture ? $0 : nil }
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let now = clock.now()
        let changed = try await database.transaction { sql -> (Conversation, woke: Bool, breaches: [SLAClock.Target])? in
            let conversations = ConversationRepository(sql)
            guard var conversation = try await conversations.find(shop: job.shop, id: payload.conversation) else { return nil }
            var woke = false
            if conversation.status == .snoozed, let until = conversation.snoozedUntil, until <= now {
                conversation.setStatus(.open, at: now)
                woke = true
                try await conversations.recordEvent(
                    shop: job.shop, conversationID: conversation.id, kind: "status.changed", agentID: nil, detail: "open", now: now)
            }
            let breaches = conversation.markSLABreaches(at: now)
            for target in breaches {
                try await conversations.recordEvent(
                    shop: job.shop, conversationID: conversation.id, kind: "sla.breached", agentID: nil, detail: target.rawValue,
                    now: now)
            }
            guard woke || !breaches.isEmpty else { return nil }
            try await sql.save(conversation, now: now)
            return (conversation, woke, breaches)
        }
        guard let (conversation, woke, breaches) = changed else { return }
        if woke { await events.publish(.conversationUpdated, shop: job.shop, conversation: conversation.publicID) }
        for target in breaches {
            await events.publish(.slaBreached, shop: job.shop, conversation: conversation.publicID, detail: target.rawValue)
        }
    }
}

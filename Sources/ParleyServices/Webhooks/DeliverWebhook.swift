import Foundation
import ParleyCore
import ParleyStore

/// Sends one delivery to its webhook, signed, and records the attempt: the job `webhook.deliver`.
///
/// Each attempt is a job of its own, queued for the time `WebhookRetrySchedule` names, so retries
/// survive restarts and never hold a worker while they wait. After the last attempt fails (a bit more
/// than a day) the delivery fails and the webhook is disabled with the reason, shown to the shop; an
/// address the policy refuses disables it at once, since trying again cannot help. A job that runs
/// twice finds its attempt recorded and sends nothing; a receiver may still see an event twice (the
/// worker died between sending and recording) and skips it by its `webhook-id`.
public struct DeliverWebhook: JobHandler {
    public static let kind = "webhook.deliver"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let post: SignedPost

    public init(database: ParleyDatabase, clock: any WallClock, sender: any WebhookSender, schedule: WebhookRetrySchedule = .init()) {
        self.database = database
        post = SignedPost(clock: clock, sender: sender, schedule: schedule)
    }

    struct Payload: Codable {
        var delivery: String
        var attempt: Int
    }

    static func enqueue(_ delivery: WebhookDelivery, attempt: Int, at runAt: Date, on session: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(delivery: delivery.publicID, attempt: attempt)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(shop: delivery.shopID, kind: kind, payload: payload, runAt: runAt, idempotencyKey: "\(delivery.publicID)#\(attempt)"),
            on: session, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let found = try await database.read { session -> (WebhookDelivery, WebhookEndpoint)? in
            let repository = WebhookRepository(session)
            guard let delivery = try await repository.delivery(shop: job.shop, publicID: payload.delivery),
                let endpoint = try await repository.find(shop: job.shop, id: delivery.endpointID)
            else { return nil }
            return (delivery, endpoint)
        }
        // Deleted with its webhook, or this attempt already made by a worker that died before completing the job.
        guard let found, found.0.status == .pending, found.0.attempts < payload.attempt else { return }
        var delivery = found.0
        let endpoint = found.1
        guard endpoint.isEnabled || delivery.eventType == .test else {
            delivery.status = .failed
            delivery.lastError = "the webhook was disabled before this event was sent"
            delivery.nextAttemptAt = nil
            try await database.transaction { session in try await WebhookRepository(session).save(delivery) }
            return
        }
        let attempt = await post.attempt(Array(delivery.payload.utf8), to: endpoint.url, id: delivery.eventID, signedBy: endpoint)
        delivery.attempts = payload.attempt
        let now = post.clock.now()
        try await database.transaction { session in
            let repository = WebhookRepository(session)
            if attempt.succeeded {
                (delivery.status, delivery.deliveredAt, delivery.nextAttemptAt, delivery.lastError) = (.delivered, now, nil, nil)
                try await repository.record(attempt, of: delivery)
                return
            }
            let reason = attempt.error ?? "the webhook answered \(attempt.statusCode ?? 0)"
            delivery.lastError = reason
            let refused = attempt.wasRefused
            // A test is asked for by someone watching: one attempt, and its failure disables nothing.
            if delivery.eventType == .test {
                (delivery.status, delivery.nextAttemptAt) = (.failed, nil)
                try await repository.record(attempt, of: delivery)
                return
            }
            if !refused, let delay = post.retryDelay(after: payload.attempt) {
                let next = now.addingTimeInterval(delay)
                delivery.nextAttemptAt = next
                try await repository.record(attempt, of: delivery)
                try await Self.enqueue(delivery, attempt: payload.attempt + 1, at: next, on: session, now: now)
                return
            }
            (delivery.status, delivery.nextAttemptAt) = (.failed, nil)
            try await repository.record(attempt, of: delivery)
            // The endpoint as stored now: an agent may have changed it meanwhile.
            guard var current = try await repository.find(shop: endpoint.shopID, id: endpoint.id), current.isEnabled else { return }
            current.disabledAt = now
            current.disabledReason =
                refused
                ? reason
                : "every attempt to deliver \(delivery.eventID) (\(delivery.eventType.rawValue)) failed for a day; the last: \(reason)"
            try await repository.update(current, now: now)
            try await AuditLog.append(
                shop: endpoint.shopID, .system, "webhook.disabled", target: endpoint.publicID,
                detail: ["reason": current.disabledReason ?? ""],
                on: session, at: now)
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Posts an agent's reply on an API channel to the channel's bridge, signed as Standard Webhooks:
/// the job `channel.deliver`, one job per attempt.
///
/// A 2xx answer marks the reply sent (an `{"id": …}` in the answer names it on the messenger); other
/// answers are retried on `WebhookRetrySchedule`, and after the last one the reply is `failed` with the
/// reason, shown on the message and in Mail problems, where an agent can try again. The `webhook-id`
/// is the reply's id, the same on every attempt, so the bridge sends it once.
public struct DeliverChannelMessage: JobHandler {
    public static let kind = "channel.deliver"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let post: SignedPost
    private var clock: any WallClock { post.clock }

    public init(database: ParleyDatabase, clock: any WallClock, sender: any WebhookSender, schedule: WebhookRetrySchedule = .init()) {
        self.database = database
        post = SignedPost(clock: clock, sender: sender, schedule: schedule)
    }

    struct Payload: Codable {
        var message: String
        /// The attempt in this round of the schedule, from 1.
        var attempt: Int
        /// The attempts the message had before this round (an agent may try a failed reply again).
        var before: Int
    }

    /// Queues attempt `attempt` of a round that started when the message had `before` attempts.
    static func enqueue(
        _ message: OutboundMessage, attempt: Int = 1, before: Int? = nil, at runAt: Date, on session: DatabaseSession, now: Date
    ) async throws {
        let before = before ?? message.attempts
        let payload = String(
            decoding: try JSONEncoder().encode(Payload(message: message.publicID, attempt: attempt, before: before)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(
                shop: message.shopID, kind: kind, payload: payload, runAt: runAt, idempotencyKey: "\(message.publicID)#\(before + attempt)"),
            on: session, now: now)
    }

    /// What the bridge receives.
    struct Body: Encodable {
        struct Data: Encodable {
            let channel: String
            let recipient: Recipient
            let message: Message
            let conversation: Conversation
        }

        struct Recipient: Encodable {
            /// The sender id the bridge gave for this customer.
            let externalID: String
            let customer: String
            let name: String?
        }

        struct Message: Encodable {
            /// The id to report delivery against: `POST /api/v1/channels/{channel}/messages/{id}/status`.
            let id: String
            let text: String
            let agent: String?
            let createdAt: Date
        }

        struct Conversation: Encodable {
            let id: String
            let number: Int64
        }

        let id: String
        let type: String
        let timestamp: Date
        let data: Data
    }

    struct Answer: Decodable {
        let id: String?
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Foundation.Data(job.payload.utf8))
        let now = clock.now()
        let found = try await database.read { sql -> (OutboundMessage, ApiChannel, Body)? in
            guard let message = try await MessageRepository(sql).find(shop: job.shop, publicID: payload.message), message.status == .queued,
                message.attempts < payload.before + payload.attempt, let conversationID = message.thread?.conversationID,
                let channel = try await ApiChannelRepository(sql).channel(shop: job.shop, conversationID: conversationID),
                let conversation = try await ConversationRepository(sql).find(shop: job.shop, id: conversationID),
                let customer = try await CustomerRepository(sql).find(shop: job.shop, id: message.customerID)
            else { return nil }
            let reply = try await ConversationMessageRepository(sql).find(shop: job.shop, outboundMessageID: message.id)
            var agent: String?
            if let agentID = reply?.agentID { agent = try await AgentRepository(sql).find(shop: job.shop, id: agentID)?.name }
            let body = Body(
                id: message.publicID, type: "message.created", timestamp: now,
                data: .init(
                    channel: channel.publicID,
                    recipient: .init(externalID: message.recipient ?? "", customer: customer.publicID, name: customer.name),
                    message: .init(id: message.publicID, text: message.text, agent: agent, createdAt: message.createdAt),
                    conversation: .init(id: conversation.publicID, number: conversation.number)))
            return (message, channel, body)
        }
        // Sent, failed or gone meanwhile, or this attempt already made by a worker that died before completing the job.
        guard let (message, channel, body) = found else { return }
        let attempt = await post.attempt(
            Array(try WebhookOutbox.encoder.encode(body)), to: channel.webhookURL, id: message.publicID, signedBy: channel)
        if attempt.succeeded, let status = attempt.statusCode {
            let answer = attempt.response ?? ""
            let id = (try? JSONDecoder().decode(Answer.self, from: Foundation.Data(answer.utf8)))?.id
            try await database.transaction { sql in
                try await MessageRepository(sql).recordAttempt(shop: job.shop, id: message.id, error: nil, now: clock.now())
                try await sql.transition(
                    message, to: .sent, detail: "the bridge answered \(status)", providerMessageID: id,
                    providerResponse: "\(status) \(answer.prefix(200))", now: clock.now())
            }
            return
        }
        let failure =
            attempt.statusCode.map { "the bridge answered \($0): \((attempt.response ?? "").prefix(200))" }
            ?? attempt.error.map { $0.hasPrefix(SignedPost.refusedPrefix) ? String($0.dropFirst(SignedPost.refusedPrefix.count)) : $0 }
            ?? "the bridge could not be reached"
        let delay = attempt.wasRefused ? nil : post.retryDelay(after: payload.attempt)
        try await database.transaction { sql in
            let later = clock.now()
            try await MessageRepository(sql).recordAttempt(shop: job.shop, id: message.id, error: failure, now: later)
            if let delay {
                let next = later.addingTimeInterval(delay)
                try await Self.enqueue(message, attempt: payload.attempt + 1, before: payload.before, at: next, on: sql, now: later)
            } else {
                try await sql.transition(message, to: .failed, detail: failure, now: later)
            }
        }
    }
}

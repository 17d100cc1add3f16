import Foundation
import ParleyCore
import ParleyStore

/// As a callback window is about to open, tells the agents' screens, so that the assigned agent
/// (or anyone, when nobody is) makes the call; a request settled meanwhile stays quiet.
public struct CallbackReminder: JobHandler {
    static let jobKind = "callback.remind"
    struct Payload: Codable { var request: String }

    public var kind: String { Self.jobKind }
    private let database: ParleyDatabase
    private let events: InboxEvents

    public init(database: ParleyDatabase, events: InboxEvents) {
        self.database = database
        self.events = events
    }

    static func schedule(_ request: CallbackRequest, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(request: request.publicID)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(
                shop: request.shopID, kind: jobKind, payload: payload,
                runAt: max(now, request.window.start.addingTimeInterval(-CallbackRequests.reminderLead)),
                idempotencyKey: "remind:\(request.publicID)"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let due = try await database.withConnection { sql -> (String, Int64?)? in
            guard let request = try await CallbackRepository(sql).find(shop: job.shop, publicID: payload.request),
                request.status == .waiting,
                let conversation = try await ConversationRepository(sql).find(shop: job.shop, id: request.conversationID)
            else { return nil }
            return (conversation.publicID, conversation.assigneeID)
        }
        guard let (conversation, assignee) = due else { return }
        await events.publish(
            InboxEvents.Payload(type: .callbackDue, conversation: conversation, detail: payload.request, agent: assignee), shop: job.shop)
    }
}

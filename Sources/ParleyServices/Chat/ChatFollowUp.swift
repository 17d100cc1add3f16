import Foundation
import ParleyCore
import ParleyStore

/// Continues a chat by email: an answer the visitor has not seen in the widget a little after it
/// was written goes to the address they left, in the conversation's mail thread, so their reply by
/// email comes back to the same conversation. On request, the whole chat goes as a transcript.
public struct ChatFollowUp: JobHandler {
    static let jobKind = "chat.follow_up"
    /// How long an answer waits to be seen in the widget before it goes by email.
    public static let delay: TimeInterval = 120

    struct Payload: Codable {
        var conversation: Int64
        /// Every message, not only the unseen answers.
        var transcript: Bool
    }

    public var kind: String { Self.jobKind }
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let catalogs: MessageCatalogs
    private let fallbackDomain: String

    public init(database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, fallbackDomain: String) {
        self.database = database
        self.clock = clock
        self.catalogs = catalogs
        self.fallbackDomain = fallbackDomain
    }

    /// Checks, `delay` after `message` was written, whether the visitor saw it. Only a visitor who
    /// left an address gets a check: one who leaves it later gets one then (`addressLeft`), so an
    /// answer to the many who never do costs no job.
    static func schedule(shop: ShopID, conversationID: Int64, after message: Int64, on sql: DatabaseSession, now: Date) async throws {
        guard try await ChatRepository(sql).visitorEmail(shop: shop, conversationID: conversationID) != nil else { return }
        try await check(shop: shop, conversationID: conversationID, key: "follow-up:\(message)", on: sql, now: now)
    }

    /// The visitor just left an address: the answers they have not seen by `delay` from now go to it.
    static func addressLeft(shop: ShopID, conversationID: Int64, on sql: DatabaseSession, now: Date) async throws {
        try await check(
            shop: shop, conversationID: conversationID, key: "follow-up:address:\(conversationID):\(Int(now.timeIntervalSince1970))",
            on: sql, now: now)
    }

    private static func check(shop: ShopID, conversationID: Int64, key: String, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(conversation: conversationID, transcript: false)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(shop: shop, kind: jobKind, payload: payload, runAt: now.addingTimeInterval(delay), idempotencyKey: key), on: sql,
            now: now)
    }

    /// Sends the whole chat to the visitor's address now.
    static func transcript(shop: ShopID, conversationID: Int64, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(conversation: conversationID, transcript: true)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(
                shop: shop, kind: jobKind, payload: payload, runAt: now,
                idempotencyKey: "transcript:\(conversationID):\(Int(now.timeIntervalSince1970))"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let now = clock.now()
        try await database.transaction { sql in
            let chats = ChatRepository(sql)
            guard let thread = try await chats.thread(shop: job.shop, conversationID: payload.conversation),
                let visitor = try await chats.visitor(shop: job.shop, id: thread.visitorID), let email = visitor.email,
                let conversation = try await ConversationRepository(sql).find(shop: job.shop, id: payload.conversation),
                let shop = try await ShopRepository(sql).find(id: job.shop)
            else { return }
            let after = payload.transcript ? nil : max(thread.visitorReadID, thread.emailedID)
            let lines = try await chats.lines(shop: job.shop, conversationID: conversation.id, after: after ?? 0, limit: 500)
            let shown = payload.transcript ? lines : lines.filter { $0.kind != .incoming }
            guard let newest = shown.last?.id, let customerID = conversation.customerID ?? visitor.customerID else { return }
            let (language, entries) = try catalogs.catalog(for: visitor.locale, shopDefault: shop.defaultLocale)
            let values: [String: Any] = ["shop": shop.name]
            let intro = try MessageCatalogs.words(payload.transcript ? "chat.transcript" : "chat.followUp", in: entries, values: values)
            let body =
                ([intro]
                + shown.map { line in
                    let who =
                        switch line.kind {
                        case .incoming: entries["chat.you"] ?? "You"
                        case .reply: line.agentName ?? shop.name
                        default: entries["chat.assistant"] ?? "Assistant"
                        }
                    return "\(who):\n\(line.text)"
                } + [try MessageCatalogs.words("chat.outro", in: entries, values: values)]).joined(separator: "\n\n")
            let history = try await ConversationMessageRepository(sql).list(shop: job.shop, conversationID: conversation.id)
            _ = try await ReplyToConversation.queueEmail(
                body, to: email, customerID: customerID, conversation: conversation, shop: shop,
                settings: try await ShopSettingsRepository(sql).all(shop: job.shop), history: history, fallbackDomain: fallbackDomain,
                locale: language, dedupeKey: "chat:\(conversation.publicID):\(job.id)", sql, now: now)
            if !payload.transcript { try await chats.setEmailed(shop: job.shop, conversationID: conversation.id, newest) }
        }
    }
}

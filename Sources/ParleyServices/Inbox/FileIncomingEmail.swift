import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Files a stored email into the right conversation: parses it, finds or creates the customer,
/// threads it (`ThreadingPolicy`), keeps the clean new text beside the full original, stores the
/// attachments, and acknowledges a new conversation, or answers it with the order's status when it
/// asks about an order of the sender's own (`AnswerOrderQuestion`).
///
/// Runs as the job `email.receive`, queued by `ReceiveEmail` with the raw bytes. A message filed
/// already is not filed again, so a job that runs twice changes nothing.
public struct FileIncomingEmail: JobHandler {
    public static let kind = "email.receive"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let policy: ThreadingPolicy
    private let acknowledgement: AcknowledgeEmail
    private let orderAnswers: AnswerOrderQuestion?
    private let events: InboxEvents

    /// `fallbackDomain` is the domain of the public URL, the sender's domain for shops that set no `email.from`.
    /// With `links`, an email asking about the sender's own order is answered with its status and tracking link.
    public init(
        database: ParleyDatabase, clock: any WallClock, catalogs: MessageCatalogs, fallbackDomain: String, events: InboxEvents,
        links: TrackingLinks? = nil, policy: ThreadingPolicy = ThreadingPolicy()
    ) {
        self.database = database
        self.clock = clock
        self.policy = policy
        self.events = events
        self.acknowledgement = AcknowledgeEmail(catalogs: catalogs, fallbackDomain: fallbackDomain)
        self.orderAnswers = links.map { AnswerOrderQuestion(links: $0, catalogs: catalogs) }
    }

    struct Payload: Codable {
        var mail: String
        /// An agent released it from hold: the sender limit no longer applies.
        var released: Bool?
    }

    static func enqueue(shop: ShopID, publicID: String, released: Bool = false, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(mail: publicID, released: released)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(shop: shop, kind: kind, payload: payload, runAt: now, idempotencyKey: released ? publicID + ":released" : publicID),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let stored = try await database.read { sql in
            try await InboundMailRepository(sql).find(shop: job.shop, publicID: payload.mail)
        }
        guard let stored else { throw PermanentJobFailure("inbound mail \(payload.mail) no longer exists") }
        guard stored.status == .received else { return }
        // Parsing is pure and can be slow for a large message: it happens outside the transaction.
        let parsed = MailParser.parse(stored.raw)
        let reading = IncomingReading(stored: stored, parsed: parsed)
        let now = clock.now()
        let filed = try await database.transaction { sql in
            try await file(reading, shop: job.shop, released: payload.released ?? false, on: sql, now: now)
        }
        guard let filed else { return }
        await events.publish(filed, shop: job.shop)
    }

    /// Files the mail (`EmailFiling` names the steps); returns what to tell agents' screens, if anything.
    private func file(_ reading: IncomingReading, shop: ShopID, released: Bool, on session: DatabaseSession, now: Date) async throws
        -> InboxEvents.Payload?
    {
        let filing = EmailFiling(reading, shop: shop, on: session, now: now)
        try await filing.lockThreading()
        if try await filing.isSecondDelivery() { return nil }
        var mail = reading.parsed
        switch try await filing.bounce() {
        case .notABounce: break
        case .settled: return nil
        case .joins(let messageIDs): mail.references += messageIDs
        }
        // Read once: the sender limit, the SLA targets and the acknowledgement are all settings.
        let settings = try await ShopSettingsRepository(session).all(shop: shop)
        if case .hold(let announce) = try await filing.senderHold(released: released, settings: settings) {
            return announce
                ? InboxEvents.Payload(type: .emailHeld, conversation: nil, email: reading.stored.publicID, detail: reading.senderKey) : nil
        }
        let customerID = try await filing.customer()
        var threaded = try await filing.thread(mail, customerID: customerID, policy: policy)
        try await filing.startClocks(&threaded, settings: settings)
        let message = try await filing.store(mail, in: threaded, customerID: customerID)
        if let customerID {
            try await filing.recordOnTimeline(message, in: threaded.conversation, customerID: customerID)
            try await answerAutomatically(
                reading, mail: mail, message: message, in: threaded, customerID: customerID, settings: settings, shop: shop, on: session,
                now: now)
        }
        return InboxEvents.Payload(
            type: threaded.isNew ? .conversationCreated : .messageCreated, conversation: threaded.conversation.publicID,
            message: message.publicID)
    }

    /// A person's email gets one automatic answer: the status of the order it asks about, which
    /// answers better than "we have your message", or else, for a new conversation, the
    /// acknowledgement.
    private func answerAutomatically(
        _ reading: IncomingReading, mail: ParsedMail, message: ConversationMessage, in threaded: EmailFiling.Threaded,
        customerID: Int64, settings: [String: String], shop: ShopID, on session: DatabaseSession, now: Date
    ) async throws {
        guard let sender = reading.sender, MachineSender.shouldAutoAnswer(kind: reading.machine) else { return }
        var answered = false
        if let orderAnswers, let asked = threaded.isNew ? reading.orderQuestion.asNew : reading.orderQuestion.asReply {
            answered = try await orderAnswers.email(
                asked, incoming: message, in: threaded.conversation, customerID: customerID, recipient: sender.addrSpec,
                fallbackDomain: acknowledgement.fallbackDomain, on: session, now: now)
        }
        if threaded.isNew, !answered {
            try await acknowledgement.queue(
                for: threaded.conversation, inReplyTo: mail.messageID, references: mail.references, customerID: customerID,
                recipient: sender.addrSpec, shop: shop, settings: settings, on: session, now: now)
        }
    }
}

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

    /// How many emails one sender may have filed within an hour; more is a mail loop or a flood, and
    /// is held (stored, not filed, not answered) until an agent releases it.
    public static let perSenderHourlyLimit = 30

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

    /// Files the mail; returns what to tell agents' screens, if anything.
    private func file(_ reading: IncomingReading, shop: ShopID, released: Bool, on sql: DatabaseSession, now: Date) async throws
        -> InboxEvents.Payload?
    {
        let inbound = InboundMailRepository(sql)
        let conversations = ConversationRepository(sql)
        let messages = ConversationMessageRepository(sql)
        let references = MailReferenceRepository(sql)
        try await references.lockThreading(shop: shop, keys: [reading.senderKey].compactMap { $0 } + Self.messageIDs(of: reading.parsed))
        var mail = reading.parsed
        if let messageID = mail.messageID, try await messages.containsIncoming(shop: shop, messageID: messageID) {
            try await inbound.finish(
                shop: shop, id: reading.stored.id, status: .ignored, detail: "a second delivery of <\(messageID)>",
                conversationID: nil, sender: reading.senderKey, now: now)
            return nil
        }
        // A bounce marks Parley's mail bounced, even from a sender held below, and joins the
        // conversation of the mail it returns through that mail's Message-ID.
        if let report = DeliveryReport.read(mail) {
            let named = try await RecordBounce.apply(report, shop: shop, on: sql, now: now)
            guard named.contains(where: { $0.thread?.conversationID != nil }) else {
                let detail =
                    named.isEmpty
                    ? "a bounce about nothing Parley sent"
                    : "a delivery report about " + named.map(\.publicID).joined(separator: ", ")
                try await inbound.finish(
                    shop: shop, id: reading.stored.id, status: .ignored, detail: detail, conversationID: nil, sender: reading.senderKey,
                    now: now)
                return nil
            }
            mail.references += report.originalMessageIDs
        }
        // Read once: the sender limit, the SLA targets and the acknowledgement are all settings.
        let settings = try await ShopSettingsRepository(sql).all(shop: shop)
        if !released, let sender = reading.senderKey {
            let limit = settings["inbox.sender_hourly_limit"].flatMap { Int($0) } ?? Self.perSenderHourlyLimit
            let recent = try await inbound.count(shop: shop, sender: sender, since: reading.stored.receivedAt.addingTimeInterval(-3600))
            if recent >= limit {
                try await inbound.finish(
                    shop: shop, id: reading.stored.id, status: .held,
                    detail: "\(sender) sent more than \(limit) emails within an hour: held as a likely mail loop",
                    conversationID: nil, sender: sender, now: now)
                // Once per flood: the first mail held tells agents; the rest wait quietly in the list.
                return recent == limit
                    ? InboxEvents.Payload(type: .emailHeld, conversation: nil, email: reading.stored.publicID, detail: sender) : nil
            }
        }
        let customerID = try await customer(for: reading, shop: shop, on: sql, now: now)
        let subject = mail.subject ?? ""
        let normalizedSubject = reading.normalizedSubject
        let lookup = ThreadingLookup(sql: sql, shop: shop)
        let evidence = try await lookup.evidence(
            mail: mail, recipients: reading.recipients, customerID: customerID, normalizedSubject: normalizedSubject)
        let decision = policy.decide(
            IncomingMail(
                sender: reading.sender?.addrSpec.lowercased() ?? "", senderCustomerID: customerID, machine: reading.machine,
                normalizedSubject: normalizedSubject, receivedAt: reading.stored.receivedAt),
            evidence: evidence)
        var conversation: Conversation
        // The conversation as stored, so that only what this mail changes is written.
        let asStored: Conversation
        let threading: String
        let flag: ThreadingFlag?
        switch decision {
        case .append(let conversationID, let reason, let reopen, let appendFlag):
            guard let found = try await lookup.conversation(conversationID) else {
                throw NotFound("conversation \(conversationID)")
            }
            conversation = found
            asStored = found
            threading = reason.rawValue
            flag = appendFlag
            if reopen || (reading.machine == nil && [.pending, .snoozed].contains(conversation.status)) {
                if conversation.status == .resolved {
                    try await conversations.recordEvent(
                        shop: shop, conversationID: conversation.id, kind: "reopened", agentID: nil, detail: "the customer wrote again",
                        now: now)
                }
                conversation.setStatus(.open, at: now)
            }
        case .startNew(let newFlag):
            conversation = try await conversations.insert(
                shop: shop, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                NewConversation(
                    customerID: customerID, channel: .email, subject: subject.isEmpty ? "(no subject)" : subject,
                    normalizedSubject: normalizedSubject),
                now: now)
            asStored = conversation
            threading = ThreadingReason.new.rawValue
            flag = newFlag
        }
        conversation.lastMessageAt = max(conversation.lastMessageAt, reading.stored.receivedAt)
        // A machine's mail (an out-of-office, a bounce) asks nothing of the shop, so no clock starts.
        if reading.machine == nil {
            conversation.customerWrote(
                at: reading.stored.receivedAt,
                policy: try await ShopSLA.policy(shop: shop, priority: conversation.priority, settings: settings, on: sql))
        }
        try await ConversationTimers.save(conversation, was: asStored, on: sql, now: now)
        try await conversations.addParticipants(shop: shop, conversationID: conversation.id, reading.participants)
        var flagText: String?
        if case .unknownSender(let flagged) = flag {
            // Agents and the API know conversations by their public id, never the row id.
            flagText = "unknown_sender:" + (try await lookup.conversation(flagged)?.publicID ?? "")
        }
        let stored = try await messages.insert(
            shop: shop, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
            reading.message(customerID: customerID, threading: threading, flag: flagText), now: now)
        try await references.recordReferences(shop: shop, conversationID: conversation.id, Self.messageIDs(of: mail))
        let attachments = AttachmentRepository(sql)
        for attachment in mail.attachments {
            try await attachments.insert(
                shop: shop, conversationMessageID: stored.id, publicID: OpaqueToken.make(prefix: "att_"),
                NewAttachment(
                    filename: attachment.filename, contentType: attachment.contentType, contentID: attachment.contentID,
                    isInline: attachment.isInline, data: attachment.data),
                now: now)
        }
        try await inbound.finish(
            shop: shop, id: reading.stored.id, status: .threaded, detail: reading.defectSummary, conversationID: conversation.id,
            sender: reading.senderKey, now: now)
        if let customerID {
            try await TimelineRepository(sql).append(
                shop: shop, customerID: customerID, kind: TimelineEvent.Kind(rawValue: "email.received"), at: now,
                summary: "Email: \(subject.isEmpty ? "(no subject)" : subject)",
                data: ["conversation": conversation.publicID, "message": stored.publicID, "subject": subject])
        }
        let isNew = if case .startNew = decision { true } else { false }
        if let customerID, let sender = reading.sender, MachineSender.shouldAutoAnswer(kind: reading.machine) {
            // The order's status answers better than "we have your message", and one automatic mail is enough.
            var answered = false
            if let orderAnswers, let asked = isNew ? reading.orderQuestion.asNew : reading.orderQuestion.asReply {
                answered = try await orderAnswers.email(
                    asked, incoming: stored, in: conversation, customerID: customerID, recipient: sender.addrSpec,
                    fallbackDomain: acknowledgement.fallbackDomain, on: sql, now: now)
            }
            if isNew, !answered {
                try await acknowledgement.queue(
                    for: conversation, inReplyTo: mail.messageID, references: mail.references, customerID: customerID,
                    recipient: sender.addrSpec, shop: shop, settings: settings, on: sql, now: now)
            }
        }
        return InboxEvents.Payload(
            type: isNew ? .conversationCreated : .messageCreated, conversation: conversation.publicID, message: stored.publicID)
    }

    /// The mail's own Message-ID and those it names. Bounded: a thread's References grow with every
    /// answer, and the newest name the most.
    private static func messageIDs(of mail: ParsedMail) -> [String] {
        (mail.messageID.map { [$0] } ?? []) + mail.inReplyTo + mail.references.suffix(50)
    }

    /// The customer the sender is: found by address, or created for a person writing for the first
    /// time. Machines (bounces, auto-replies, newsletters) never become customers.
    private func customer(for reading: IncomingReading, shop: ShopID, on sql: DatabaseSession, now: Date) async throws -> Int64? {
        guard let sender = reading.sender, let identity = try? Identity.normalized(.email, sender.addrSpec) else { return nil }
        if let owner = try await CustomerRepository(sql).owners(shop: shop, of: [identity])[identity] { return owner }
        guard reading.machine == nil else { return nil }
        let input = CustomerInput(identities: [.init(kind: .email, value: identity.value)], name: sender.displayName)
        return try await UpsertCustomer.apply(shop: shop, identities: [identity], input: input, on: sql, now: now).customerID
    }
}

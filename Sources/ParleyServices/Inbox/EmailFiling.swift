import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// The steps of filing one email, inside the transaction `FileIncomingEmail` opened, in the order it
/// takes them: take the threading locks, skip a second delivery, record a bounce, hold a flood, find
/// the customer, thread, start the response clocks, store the message, note it on the timeline.
struct EmailFiling {
    let reading: IncomingReading
    let shop: ShopID
    let session: DatabaseSession
    let now: Date
    /// Kept across the steps: threading reads conversations that storing names again.
    let lookup: ThreadingLookup

    init(_ reading: IncomingReading, shop: ShopID, on session: DatabaseSession, now: Date) {
        self.reading = reading
        self.shop = shop
        self.session = session
        self.now = now
        lookup = ThreadingLookup(sql: session, shop: shop)
    }

    /// The conversation an email joins, as it was before the email, and how it was chosen.
    struct Threaded {
        var conversation: Conversation
        /// The conversation as stored, so that only what this email changes is written.
        let asStored: Conversation
        let reason: ThreadingReason
        let flag: ThreadingFlag?
        var isNew: Bool { reason == .new }
    }

    enum BounceOutcome {
        case notABounce
        /// About nothing in a conversation: recorded, and the email is not filed.
        case settled
        /// It joins the conversation of the mail it returns, through that mail's Message-IDs.
        case joins(messageIDs: [String])
    }

    /// Two emails that could thread together take turns (on PostgreSQL; SQLite has one writer).
    func lockThreading() async throws {
        try await MailReferenceRepository(session).lockThreading(
            shop: shop, keys: [reading.senderKey].compactMap { $0 } + Self.messageIDs(of: reading.parsed))
    }

    /// True, and recorded as ignored, when a message with this Message-ID was filed already.
    func isSecondDelivery() async throws -> Bool {
        guard let messageID = reading.parsed.messageID,
            try await ConversationMessageRepository(session).containsIncoming(shop: shop, messageID: messageID)
        else { return false }
        try await finish(.ignored, detail: "a second delivery of <\(messageID)>")
        return true
    }

    /// A bounce marks Parley's mail bounced, and a spam complaint ends the customer's marketing email,
    /// even from a sender held later.
    func bounce() async throws -> BounceOutcome {
        if let complaint = FeedbackReport.read(reading.parsed) {
            let named = try await RecordComplaint.apply(complaint, shop: shop, on: session, now: now)
            try await finish(
                .ignored,
                detail: named.isEmpty
                    ? "a feedback report (\(complaint.feedbackType)) about nothing Parley sent"
                    : "a spam complaint about " + named.map(\.publicID).joined(separator: ", "))
            return .settled
        }
        guard let report = DeliveryReport.read(reading.parsed) else { return .notABounce }
        let named = try await RecordBounce.apply(report, shop: shop, on: session, now: now)
        guard named.contains(where: { $0.thread?.conversationID != nil }) else {
            try await finish(
                .ignored,
                detail: named.isEmpty
                    ? "a bounce about nothing Parley sent" : "a delivery report about " + named.map(\.publicID).joined(separator: ", "))
            return .settled
        }
        return .joins(messageIDs: report.originalMessageIDs)
    }

    /// Holds the email when its sender has sent too many within the hour (`SenderHoldPolicy`).
    func senderHold(released: Bool, settings: [String: String]) async throws -> SenderHoldPolicy.Decision {
        guard let sender = reading.senderKey else { return .file }
        let limit = settings[.inboxSenderHourlyLimit].flatMap { Int($0) } ?? SenderHoldPolicy.defaultHourlyLimit
        let recent = try await InboundMailRepository(session).count(
            shop: shop, sender: sender, since: reading.stored.receivedAt.addingTimeInterval(-3600))
        let decision = SenderHoldPolicy.decide(recent: recent, hourlyLimit: limit, released: released)
        if case .hold = decision {
            try await finish(.held, detail: "\(sender) sent more than \(limit) emails within an hour: held as a likely mail loop")
        }
        return decision
    }

    /// The customer the sender is: found by address, or created for a person writing for the first
    /// time. Machines (bounces, auto-replies, newsletters) never become customers.
    func customer() async throws -> Int64? {
        guard let sender = reading.sender, let identity = try? Identity.normalized(.email, sender.addrSpec) else { return nil }
        if let owner = try await CustomerRepository(session).owners(shop: shop, of: [identity])[identity] { return owner }
        guard reading.machine == nil else { return nil }
        let input = CustomerInput(identities: [.init(kind: .email, value: identity.value)], name: sender.displayName)
        return try await UpsertCustomer.apply(shop: shop, identities: [identity], input: input, on: session, now: now).customerID
    }

    /// The conversation the email joins (`ThreadingPolicy`), reopened when the customer writes to a
    /// resolved, pending or snoozed one, or a new one.
    func thread(_ mail: ParsedMail, customerID: Int64?, policy: ThreadingPolicy) async throws -> Threaded {
        let evidence = try await lookup.evidence(
            mail: mail, recipients: reading.recipients, customerID: customerID, normalizedSubject: reading.normalizedSubject)
        let decision = policy.decide(
            IncomingMail(
                sender: reading.sender?.addrSpec.lowercased() ?? "", senderCustomerID: customerID, machine: reading.machine,
                normalizedSubject: reading.normalizedSubject, receivedAt: reading.stored.receivedAt),
            evidence: evidence)
        switch decision {
        case .append(let conversationID, let reason, let reopen, let flag):
            guard var conversation = try await lookup.conversation(conversationID) else {
                throw InboxReadError.conversationNotFound(String(conversationID))
            }
            let asStored = conversation
            if reopen || (reading.machine == nil && [.pending, .snoozed].contains(conversation.status)) {
                if conversation.status == .resolved {
                    try await ConversationRepository(session).recordEvent(
                        shop: shop, conversationID: conversation.id, kind: "reopened", agentID: nil, detail: "the customer wrote again",
                        now: now)
                }
                conversation.setStatus(.open, at: now)
            }
            return Threaded(conversation: conversation, asStored: asStored, reason: reason, flag: flag)
        case .startNew(let flag):
            let subject = mail.subject ?? ""
            let conversation = try await session.insertConversation(
                shop: shop, publicID: OpaqueToken.make(prefix: "cnv_"), replyToken: ReplyAddress.makeToken(),
                NewConversation(
                    customerID: customerID, channel: .email, subject: subject.isEmpty ? "(no subject)" : subject,
                    normalizedSubject: reading.normalizedSubject),
                now: now)
            return Threaded(conversation: conversation, asStored: conversation, reason: .new, flag: flag)
        }
    }

    /// The conversation's latest activity and, for a person's email (a machine's asks nothing of the
    /// shop), the response clocks; saved with its deadlines.
    func startClocks(_ threaded: inout Threaded, settings: [String: String]) async throws {
        threaded.conversation.lastMessageAt = max(threaded.conversation.lastMessageAt, reading.stored.receivedAt)
        if reading.machine == nil {
            threaded.conversation.customerWrote(
                at: reading.stored.receivedAt,
                policy: try await ShopSLA.policy(shop: shop, priority: threaded.conversation.priority, settings: settings, on: session))
        }
        try await session.save(threaded.conversation, was: threaded.asStored, now: now)
    }

    /// The message with its participants, Message-IDs and attachments; the stored email marked filed.
    func store(_ mail: ParsedMail, in threaded: Threaded, customerID: Int64?) async throws -> ConversationMessage {
        let conversation = threaded.conversation
        try await ConversationRepository(session).addParticipants(shop: shop, conversationID: conversation.id, reading.participants)
        var flagText: String?
        if case .unknownSender(let flagged) = threaded.flag {
            // Agents and the API know conversations by their public id, never the row id.
            flagText = "unknown_sender:" + (try await lookup.conversation(flagged)?.publicID ?? "")
        }
        let stored = try await session.insertMessage(
            shop: shop, conversationID: conversation.id, publicID: OpaqueToken.make(prefix: "cmg_"),
            reading.message(customerID: customerID, threading: threaded.reason.rawValue, flag: flagText), now: now)
        try await MailReferenceRepository(session).recordReferences(shop: shop, conversationID: conversation.id, Self.messageIDs(of: mail))
        let attachments = AttachmentRepository(session)
        for attachment in mail.attachments {
            try await attachments.insert(
                shop: shop, conversationMessageID: stored.id, publicID: OpaqueToken.make(prefix: "att_"),
                NewAttachment(
                    filename: attachment.filename, contentType: attachment.contentType, contentID: attachment.contentID,
                    isInline: attachment.isInline, data: attachment.data),
                now: now)
        }
        try await finish(.threaded, detail: reading.defectSummary, conversationID: conversation.id)
        return stored
    }

    /// "Email: subject" on the customer's timeline.
    func recordOnTimeline(_ message: ConversationMessage, in conversation: Conversation, customerID: Int64) async throws {
        let subject = reading.parsed.subject ?? ""
        try await TimelineRepository(session).append(
            shop: shop, customerID: customerID, kind: TimelineEvent.Kind(rawValue: "email.received"), at: now,
            summary: "Email: \(subject.isEmpty ? "(no subject)" : subject)",
            data: ["conversation": conversation.publicID, "message": message.publicID, "subject": subject])
    }

    /// The stored email's outcome.
    private func finish(_ status: InboundMailStatus, detail: String?, conversationID: Int64? = nil) async throws {
        try await InboundMailRepository(session).finish(
            shop: shop, id: reading.stored.id, status: status, detail: detail, conversationID: conversationID, sender: reading.senderKey,
            now: now)
    }

    /// The email's own Message-ID and those it names. Bounded: a thread's References grow with every
    /// answer, and the newest name the most.
    static func messageIDs(of mail: ParsedMail) -> [String] {
        (mail.messageID.map { [$0] } ?? []) + mail.inReplyTo + mail.references.suffix(50)
    }
}

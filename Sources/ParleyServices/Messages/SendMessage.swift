import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Sends one queued message through the shop's transport and records what happened.
///
/// Runs as the job `message.send`. A message already past `queued` is not sent again, so a job that
/// runs twice (its worker died after sending) repeats nothing once the first run recorded `sent`.
/// A temporary failure is retried with backoff; a permanent one, or the last attempt, marks the
/// message `failed` with the reason, visible on the message and its order. Before it goes, the
/// contact-pressure budget may hold it back (`ContactGate`): it is then queued again for the moment
/// it may go, with the reason on the message.
public struct SendMessage: JobHandler {
    public static let kind = "message.send"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let transports: any MessageTransports
    /// The domain of the installation's public URL, for shops that set no sender.
    private let fallbackDomain: String

    public init(database: ParleyDatabase, clock: any WallClock, transports: any MessageTransports, fallbackDomain: String) {
        self.database = database
        self.clock = clock
        self.transports = transports
        self.fallbackDomain = fallbackDomain
    }

    struct Payload: Codable {
        var message: String
    }

    static func enqueue(_ message: OutboundMessage, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(message: message.publicID)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(shop: message.shopID, kind: kind, payload: payload, runAt: now, idempotencyKey: message.publicID), on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let now = clock.now()
        let (message, shop, settings, decision) = try await database.read { sql in
            guard let message = try await MessageRepository(sql).find(shop: job.shop, publicID: payload.message),
                let shop = try await ShopRepository(sql).find(id: job.shop)
            else { throw PermanentJobFailure("message \(payload.message) no longer exists") }
            let settings = try await ShopSettingsRepository(sql).all(shop: job.shop)
            guard message.status == .queued else { return (message, shop, settings, ContactPressure.Decision.send) }
            return (message, shop, settings, try await ContactGate.decide(message, shop: shop, settings: settings, now: now, on: sql))
        }
        guard message.status == .queued else { return }
        switch decision {
        case .send:
            break
        case .wait(let until, let reasons):
            try await database.transaction { sql in
                try await MessageRepository(sql).hold(shop: message.shopID, id: message.id, until: until, because: reasons, now: now)
                try await Self.enqueueAgain(message, on: sql, now: now, runAt: until)
            }
            return
        case .refuse(let reason):
            try await record(message, status: .unreachable, detail: reason.sentence, outcome: nil)
            return
        case .expire(let reasons):
            let why = "given up: it could not go before it expired (" + reasons.map(\.sentence).joined(separator: "; ") + ")"
            try await record(message, status: .failed, detail: why, outcome: nil)
            return
        }
        do {
            let outcome = try await deliver(message, shop: shop, settings: settings)
            try await record(message, status: .sent, detail: outcome.response, outcome: outcome)
        } catch let error as TransportError {
            let reason: String
            let final: Bool
            switch error {
            case .permanent(let why): (reason, final) = (why, true)
            case .temporary(let why): (reason, final) = (why, job.attempt >= job.maxAttempts)
            case .configuration(let setting, let why):
                // Retrying cannot help until the shop changes the setting; `ShopSettings.update` queues it again then.
                try await park(message, setting: setting, reason: why)
                return
            }
            try await record(message, status: final ? .failed : nil, detail: reason, outcome: nil)
            if final { throw PermanentJobFailure(reason) }
            throw error
        }
    }

    private struct Outcome {
        var response: String
        var providerMessageID: String?
    }

    private func deliver(_ message: OutboundMessage, shop: Shop, settings: [String: String]) async throws -> Outcome {
        guard let recipient = message.recipient else { throw TransportError.permanent("the message has no recipient") }
        switch message.channel {
        case .email:
            let sender: MailSender
            let to: EmailAddress
            do {
                sender = try MailSender(settings: settings, shopName: shop.name, fallbackDomain: fallbackDomain)
            } catch {
                throw TransportError.configuration(setting: error.setting, "\(error.setting) is not a usable address: \(error.reason)")
            }
            do {
                to = try EmailAddress(parsing: recipient)
            } catch {
                throw TransportError.permanent("\(error)")
            }
            let replyTo = (message.thread?.replyTo ?? settings[.supportEmail]).flatMap { try? EmailAddress(parsing: $0) }
            let mail = OutgoingMail(
                from: sender.from, to: [to], replyTo: replyTo, subject: message.subject ?? "", text: message.text, html: message.html,
                messageID: message.messageID ?? sender.messageID(for: message.publicID), inReplyTo: message.thread?.inReplyTo,
                references: message.thread?.references ?? [], date: message.createdAt,
                extraHeaders: Self.headers(for: message))
            let composed = Array(MailComposer.compose(mail).utf8)
            let bytes = try Self.dkimSigner(settings: settings)?.sign(composed, at: clock.now()) ?? composed
            let receipt = try await transports.email(settings: settings, shop: shop).send(
                MailEnvelope(from: sender.bounceAddress, recipients: [to.addrSpec], message: bytes))
            return Outcome(response: receipt.response)
        case .sms:
            let receipt = try await transports.sms(settings: settings, shop: shop).send(
                OutgoingSMS(to: recipient, from: settings[.smsFrom], body: message.text, reference: message.publicID))
            return Outcome(response: receipt.response, providerMessageID: receipt.providerMessageID)
        case nil:
            throw TransportError.permanent("the message has no channel")
        }
    }

    /// Auto-Submitted, and for marketing the one-click unsubscribe of RFC 8058 (which mailbox
    /// providers require of bulk senders; the POST body they send is `List-Unsubscribe=One-Click`).
    static func headers(for message: OutboundMessage) -> [(String, String)] {
        var headers = autoSubmitted(topic: message.topic).map { [("Auto-Submitted", $0)] } ?? []
        if let unsubscribe = message.listUnsubscribe {
            headers += [("List-Unsubscribe", "<\(unsubscribe)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")]
        }
        return headers
    }

    /// RFC 3834: what Parley writes by itself says so, so that other systems do not answer it;
    /// an agent's reply is written by a person and says nothing.
    static func autoSubmitted(topic: String) -> String? {
        switch topic {
        case ConversationTopic.reply: nil
        case ConversationTopic.acknowledgement, ConversationTopic.orderAnswer: "auto-replied"
        default: "auto-generated"
        }
    }

    /// The shop's DKIM signer when `dkim.domain`, `dkim.selector` and `dkim.private_key` are all set.
    /// A key that cannot sign makes the mail wait (the shop can fix it) rather than go out unsigned.
    static func dkimSigner(settings: [String: String]) throws -> DKIMSigner? {
        guard let domain = settings[.dkimDomain], let selector = settings[.dkimSelector], let key = settings[.dkimPrivateKey]
        else { return nil }
        do {
            return try DKIMSigner(domain: domain, selector: selector, privateKeyPEM: key)
        } catch {
            throw TransportError.configuration(setting: "dkim.private_key", "cannot sign with the shop's DKIM key: \(error)")
        }
    }

    /// Parks `message` until `setting` changes, and tells the shop's agents why it waits.
    private func park(_ message: OutboundMessage, setting: String, reason: String) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let messages = MessageRepository(sql)
            try await messages.recordAttempt(shop: message.shopID, id: message.id, error: reason, now: now)
            try await messages.wait(shop: message.shopID, id: message.id, for: setting, reason: reason, now: now)
        }
    }

    /// Queues the shop's parked messages again, in the transaction that changed its settings.
    static func releaseWaiting(shop: ShopID, on sql: DatabaseSession, now: Date) async throws {
        for message in try await MessageRepository(sql).releaseWaiting(shop: shop, now: now) {
            try await enqueueAgain(message, on: sql, now: now)
        }
    }

    /// Queues a message once more, to run at `runAt` (now when nil): a new job key per attempt,
    /// since the first job under the message's own key has run.
    static func enqueueAgain(_ message: OutboundMessage, on sql: DatabaseSession, now: Date, runAt: Date? = nil) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(message: message.publicID)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(
                shop: message.shopID, kind: kind, payload: payload, runAt: runAt ?? now,
                idempotencyKey: "\(message.publicID)#\(message.attempts)#\(now.timeIntervalSince1970)"),
            on: sql, now: now)
    }

    private func record(_ message: OutboundMessage, status: MessageStatus?, detail: String, outcome: Outcome?) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let messages = MessageRepository(sql)
            try await messages.recordAttempt(shop: message.shopID, id: message.id, error: outcome == nil ? detail : nil, now: now)
            guard let status else { return }
            let moved = try await sql.transition(
                message, to: status, detail: detail, providerMessageID: outcome?.providerMessageID,
                providerResponse: outcome?.response, now: now)
            guard moved, status == .failed else { return }
            // Staff look at the customer first when asked "why did I hear nothing?".
            try await TimelineRepository(sql).append(
                shop: message.shopID, customerID: message.customerID, kind: TimelineEvent.Kind(rawValue: "message.failed"), at: now,
                summary: "\(message.channel?.rawValue ?? "message") to \(message.recipient ?? "nobody") failed: \(detail)",
                data: ["message": message.publicID, "topic": message.topic, "reason": detail])
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// Applies what an SMS provider reports: a delivery report moves its message forward (never back),
/// and a text from a customer lands on their timeline and in the inbox — a `STOP` closes the SMS channel
/// and a `START` opens it again.
/// A text asking about the customer's own order is answered with its status (`AnswerOrderQuestion`).
public struct RecordSMSCallback: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock
    private let events: InboxEvents?
    private let orderAnswers: AnswerOrderQuestion?

    /// With `links`, a text asking about the sender's own order is answered with its status and tracking link.
    public init(database: ParleyDatabase, clock: any WallClock, events: InboxEvents? = nil, links: TrackingLinks? = nil) {
        self.database = database
        self.clock = clock
        self.events = events
        self.orderAnswers = links.flatMap { links in (try? MessageCatalogs()).map { AnswerOrderQuestion(links: links, catalogs: $0) } }
    }

    /// The replies carriers and providers treat as opting out, in the languages Parley serves.
    static let stopWords: Set<String> = [
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "WYPISZ", "REZYGNUJĘ", "СТОП", "ОТПИСАТЬСЯ", "ΣΤΟΠ", "ΔΙΑΚΟΠΗ",
        "स्टॉप", "रोकें", "बंद",
    ]
    /// The replies that undo an opt-out.
    static let startWords: Set<String> = ["START", "UNSTOP", "СТАРТ", "ΣΤΑΡΤ", "ΕΝΑΡΞΗ", "स्टार्ट", "शुरू"]

    public func callAsFunction(shop: ShopID, _ callback: SMSCallback) async throws {
        let now = clock.now()
        let filed = try await database.transaction { sql -> InboxEvents.Payload? in
            switch callback {
            case .delivery(let report):
                try await Self.apply(report, shop: shop, on: sql, now: now)
                return nil
            case .inbound(let sms): return try await receive(sms, shop: shop, on: sql, now: now)
            }
        }
        if let filed { await events?.publish(filed, shop: shop) }
    }

    private static func apply(_ report: SMSDeliveryReport, shop: ShopID, on sql: DatabaseSession, now: Date) async throws {
        let messages = MessageRepository(sql)
        var found: OutboundMessage?
        if let reference = report.reference { found = try await messages.find(shop: shop, publicID: reference) }
        if found == nil, let providerID = report.providerMessageID {
            found = try await messages.find(shop: shop, providerMessageID: providerID)
        }
        // A report about a message of another shop or one long gone: nothing to update, and no reason to make the provider retry.
        guard let message = found else { return }
        switch report.outcome {
        case .sent:
            try await sql.transition(message, to: .sent, detail: "reported sent by the provider", now: now)
        case .delivered:
            try await sql.transition(
                message, to: .delivered, detail: "reported delivered by the provider", now: now)
        case .failed(let reason):
            try await sql.transition(message, to: .failed, detail: reason, now: now)
        }
    }

    /// Records a customer's text; returns what the inbox should hear, unless it was an opt-out.
    private func receive(_ sms: InboundSMS, shop: ShopID, on sql: DatabaseSession, now: Date) async throws
        -> InboxEvents.Payload?
    {
        let phone = try Identity.normalized(.phone, sms.from)
        let (customerID, _) = try await UpsertCustomer.apply(
            shop: shop, identities: [phone], input: CustomerInput(identities: []), on: sql, now: now)
        try await TimelineRepository(sql).append(
            shop: shop, customerID: customerID, kind: TimelineEvent.Kind(rawValue: "sms.received"), at: now,
            summary: "SMS from \(phone.value): \(sms.body)",
            data: ["from": phone.value, "to": sms.to, "body": sms.body, "provider_message_id": sms.providerMessageID ?? ""])
        let word = sms.body.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).uppercased()
        if Self.stopWords.contains(word) {
            // Carriers require a STOP to end every text, not only marketing. A refusal made before
            // keeps its own source, so that a START later does not undo it.
            let before = try await CustomerRepository(sql).find(shop: shop, id: customerID)
            for purpose in Consent.Purpose.allCases where before?.consent(.sms, for: purpose) != .revoked {
                try await RecordConsent.record(
                    Consent(channel: .sms, purpose: purpose, status: .revoked, source: "sms reply \(word)", recordedAt: now), shop: shop,
                    customerID: customerID, on: sql, by: AuditActor(.webhook, name: "sms"))
            }
            return nil
        }
        if Self.startWords.contains(word), let customer = try await CustomerRepository(sql).find(shop: shop, id: customerID),
            customer.consent(.sms, for: .transactional) == .revoked
        {
            // START undoes what a STOP did: marketing comes back only if a reply had ended it.
            var reopened: [Consent.Purpose] = [.transactional]
            if let marketing = customer.consents.first(where: { $0.channel == .sms && $0.purpose == .marketing }),
                marketing.status == .revoked, marketing.source.hasPrefix("sms reply ")
            {
                reopened.append(.marketing)
            }
            for purpose in reopened {
                try await RecordConsent.record(
                    Consent(channel: .sms, purpose: purpose, status: .granted, source: "sms reply \(word)", recordedAt: now), shop: shop,
                    customerID: customerID, on: sql, by: AuditActor(.webhook, name: "sms"))
            }
            return nil
        }
        // Anything but an opt-out is the customer talking to the shop.
        let filed = try await FileIncomingSMS.apply(sms, customerID: customerID, phone: phone.value, shop: shop, on: sql, now: now)
        try await orderAnswers?.sms(
            sms.body, incoming: filed.message, in: filed.conversation, customerID: customerID, phone: phone.value, on: sql, now: now)
        return InboxEvents.Payload(
            type: filed.created ? .conversationCreated : .messageCreated, conversation: filed.conversation.publicID,
            message: filed.message.publicID)
    }
}

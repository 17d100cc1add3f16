import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// A recipient pressed "this is spam" (a feedback-loop report): the message is noted as complained
/// about in its results, and the customer gets no more marketing email (consent revoked with the
/// source `spam complaint`), as mailbox providers expect of a sender; order updates and replies
/// still go. The timeline says so.
enum RecordComplaint {
    /// Returns the messages of Parley's the report names.
    static func apply(_ report: FeedbackReport, shop: ShopID, on sql: DatabaseSession, now: Date) async throws -> [OutboundMessage] {
        guard report.isComplaint else { return [] }
        let named = try await MessageRepository(sql).find(shop: shop, messageIDs: report.originalMessageIDs)
        for message in named {
            try await EngagementRepository(sql).record(
                shop: shop, messageID: message.id, kind: .complaint, source: .person, url: "", at: now)
            guard let customer = try await CustomerRepository(sql).find(shop: shop, id: message.customerID) else { continue }
            try await TimelineRepository(sql).append(
                shop: shop, customerID: customer.id, kind: TimelineEvent.Kind(rawValue: "email.complained"), at: now,
                summary: "Marked an email as spam: \(message.subject ?? message.topic)",
                data: ["message": message.publicID, "subject": message.subject ?? message.topic, "type": report.feedbackType])
            if customer.consent(.email, for: .marketing) != .revoked {
                try await RecordConsent.record(
                    Consent(channel: .email, purpose: .marketing, status: .revoked, source: "spam complaint", recordedAt: now),
                    shop: shop, customerID: customer.id, on: sql, by: AuditActor(.system, name: "feedback loop"))
            }
        }
        return named
    }
}

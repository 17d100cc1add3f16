import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// What a bounce (a delivery status notification) says about mail Parley sent: each message it names
/// that failed for good is marked `bounced` with the receiving server's reason, and the customer's
/// timeline shows it. When the server says the address itself is gone, the address is suppressed:
/// automatic mail skips it until an agent lifts it. A delay changes nothing; the message may still arrive.
enum RecordBounce {
    /// Marks the messages `report` names; returns every message of Parley's it names, bounced or not.
    static func apply(_ report: DeliveryReport, shop: ShopID, on sql: DatabaseSession, now: Date) async throws -> [OutboundMessage] {
        let named = try await MessageRepository(sql).find(shop: shop, messageIDs: report.originalMessageIDs)
        for message in named {
            guard let failure = failure(of: message, in: report) else { continue }
            let reason = [failure.status, failure.diagnostic].compactMap { $0 }.joined(separator: " ")
            let detail = "bounced by \(failure.address)" + (reason.isEmpty ? "" : ": \(reason)")
            // The address Parley wrote to: a forward on the way may report another one. A later, surer
            // report about a message already bounced (a full mailbox, then no such user) still counts.
            let address = message.recipient ?? failure.address
            if failure.addressIsGone {
                try await SuppressionRepository(sql).add(shop: shop, address: address, reason: "bounced", detail: reason, now: now)
            }
            guard try await sql.transition(message, to: .bounced, detail: detail, now: now) else { continue }
            try await TimelineRepository(sql).append(
                shop: shop, customerID: message.customerID, kind: TimelineEvent.Kind(rawValue: "email.bounced"), at: now,
                summary: "Email bounced: \(message.subject ?? message.topic)"
                    + (failure.addressIsGone ? "; automatic mail to \(address) stops" : ""),
                data: [
                    "message": message.publicID, "recipient": failure.address, "reason": reason,
                    "subject": message.subject ?? message.topic,
                    "suppressed": String(failure.addressIsGone),
                ])
        }
        return named
    }

    /// The permanent failure for the message's recipient. A report about a single recipient counts
    /// even under another address: a forward or alias on the way changes the address a server reports.
    private static func failure(of message: OutboundMessage, in report: DeliveryReport) -> DeliveryReport.Recipient? {
        let failed = report.recipients.filter(\.isPermanent)
        if let recipient = message.recipient?.lowercased(), let exact = failed.first(where: { $0.address == recipient }) {
            return exact
        }
        return report.recipients.count == 1 ? failed.first : nil
    }
}

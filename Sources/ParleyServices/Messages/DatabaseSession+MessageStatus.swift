import Foundation
import ParleyCore
import ParleyStore

/// The one way a use case moves an outgoing message to a new status, so the shop's webhooks hear
/// when one is sent, delivered, or fails (a bounce is a failure).
extension DatabaseSession {
    /// Moves `message` to `status` when its current status allows; returns whether it moved.
    @discardableResult
    func transition(
        _ message: OutboundMessage, to status: MessageStatus, detail: String?, providerMessageID: String? = nil,
        providerResponse: String? = nil, now: Date
    ) async throws -> Bool {
        guard
            try await MessageRepository(self).transition(
                shop: message.shopID, id: message.id, to: status, detail: detail, providerMessageID: providerMessageID,
                providerResponse: providerResponse, now: now)
        else { return false }
        let type: WebhookEventType
        switch status {
        case .sent: type = .messageSent
        case .delivered: type = .messageDelivered
        case .failed, .bounced: type = .messageFailed
        default: return true
        }
        try await WebhookOutbox.emit(type, shop: message.shopID, on: self, now: now) {
            (message.customerID, try await WebhookData.outbound(message, status: status, detail: detail, on: self))
        }
        return true
    }
}

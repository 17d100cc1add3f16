import Foundation
import ParleyCore

/// An outgoing message as the API shows it: what was sent, to whom, and how far it got.
struct MessageResource: Encodable {
    let id: String
    let channel: String?
    let topic: String
    let locale: String
    let recipient: String?
    let subject: String?
    let status: String
    let attempts: Int
    /// Why the message failed, bounced or could not be sent at all.
    let error: String?
    let providerMessageID: String?
    let createdAt: Date
    let sentAt: Date?
    let updatedAt: Date
    /// The shop setting a queued message waits for, after the shop's configuration kept it back.
    let waitingForSetting: String?
    /// While queued: until when the contact-pressure budget holds the message back, and why.
    let heldUntil: Date?
    let heldBecause: [String]?
    let heldReason: String?

    init(_ message: OutboundMessage) {
        id = message.publicID
        channel = message.channel?.rawValue
        topic = message.topic
        locale = message.locale
        recipient = message.recipient
        subject = message.subject
        status = message.status.rawValue
        attempts = message.attempts
        error = message.lastError
        providerMessageID = message.providerMessageID
        createdAt = message.createdAt
        sentAt = message.sentAt
        updatedAt = message.updatedAt
        waitingForSetting = message.waitingForSetting
        let held = message.status == .queued ? message.heldUntil : nil
        heldUntil = held
        heldBecause = held.map { _ in message.heldBecause.map(\.code) }
        heldReason = held.map { _ in message.heldBecause.map(\.sentence).joined(separator: "; ") }
    }
}

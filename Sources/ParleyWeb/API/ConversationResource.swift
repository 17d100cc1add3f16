import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// A conversation as the API shows it.
struct ConversationResource: Encodable {
    let id: String
    let number: Int64
    let subject: String
    let channel: String
    let status: String
    let priority: String
    let customer: String?
    let assignee: String?
    let team: String?
    let tags: [String]
    let snoozedUntil: Date?
    let mergedInto: String?
    let createdAt: Date
    let updatedAt: Date
    let lastMessageAt: Date
    let sla: ConversationSLAResource?

    init(_ summary: ConversationSummary) {
        let conversation = summary.conversation
        id = conversation.publicID
        number = conversation.number
        subject = conversation.subject
        channel = conversation.channel.rawValue
        status = conversation.status.rawValue
        priority = conversation.priority.rawValue
        customer = summary.customerPublicID
        assignee = summary.assigneeEmail
        team = conversation.team
        tags = summary.tags
        snoozedUntil = conversation.snoozedUntil
        mergedInto = summary.mergedIntoPublicID
        createdAt = conversation.createdAt
        updatedAt = conversation.updatedAt
        lastMessageAt = conversation.lastMessageAt
        sla = conversation.sla.map(ConversationSLAResource.init)
    }
}

/// A message in a conversation: `text` is the clean new text; the full body, the quoted history,
/// the attachments and the original email are beside it.
struct ConversationMessageResource: Encodable {
    struct Attachment: Encodable {
        let id: String
        let filename: String?
        let contentType: String
        let size: Int64
        let inline: Bool
        let url: String
    }

    let id: String
    let kind: String
    let channel: String
    let sender: String?
    let subject: String?
    let text: String
    let bodyText: String?
    let bodyHTML: String?
    let quoted: String?
    let signature: String?
    let messageID: String?
    let threading: String?
    let flag: String?
    let machine: String?
    let attachments: [Attachment]
    /// The raw email as received (`message/rfc822`).
    let original: String?
    let delivery: MessageResource?
    /// For `kind: call`: how the phone call went.
    let call: Call?
    let createdAt: Date

    struct Call: Encodable {
        let direction: String
        let durationSeconds: Int
        let outcome: String
    }

    init(_ details: ConversationMessageDetails) {
        let message = details.message
        id = message.publicID
        kind = message.kind.rawValue
        channel = message.channel.rawValue
        sender = message.sender
        subject = message.subject
        text = message.text
        bodyText = message.bodyText
        bodyHTML = message.bodyHTML
        quoted = message.quoted
        signature = message.signature
        messageID = message.messageID
        threading = message.threading
        flag = message.flag
        machine = message.machine
        attachments = details.attachments.map {
            Attachment(
                id: $0.publicID, filename: $0.filename, contentType: $0.contentType, size: $0.size, inline: $0.isInline,
                url: "/api/v1/attachments/\($0.publicID)")
        }
        original = details.original.map { "/api/v1/inbound/email/\($0)/raw" }
        delivery = details.delivery.map(MessageResource.init)
        call = details.call.map {
            Call(direction: $0.direction.rawValue, durationSeconds: $0.durationSeconds, outcome: $0.outcome.rawValue)
        }
        createdAt = message.createdAt
    }
}

/// A received email's state: stored, filed into a conversation, or set aside.
struct InboundEmailResource: Encodable {
    let id: String
    let status: String
    let source: String
    let size: Int
    let sender: String?
    let detail: String?
    let conversation: String?
    let receivedAt: Date
    let processedAt: Date?
}

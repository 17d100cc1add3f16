import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

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

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

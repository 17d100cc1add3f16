import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// One conversation as a row of the inbox list.
struct InboxRow {
    let href: String
    let customerName: String
    let subject: String
    let preview: String
    let channel: String
    let channelIcon: String
    let age: String
    let exactTime: String
    let sla: SLABadge?
    let assignee: String
    let assigneeInitials: String?
    let unread: Bool
    let active: Bool
    let priority: String?
    let urgent: Bool
    let publicID: String
    let tags: [String]

    init(_ summary: ConversationSummary, agent: SignedInAgent, texts: Texts, query: String, active: String?) {
        let conversation = summary.conversation
        publicID = conversation.publicID
        href = "/app/conversations/\(conversation.publicID)" + (query.isEmpty ? "" : "?" + query)
        // An id such as cus_… means nothing to an agent: the conversation page says "Unknown customer" too.
        customerName = summary.customerName ?? texts["app.conversation.unknownCustomer"]
        subject = conversation.subject.isEmpty ? texts["app.conversation.noSubject"] : conversation.subject
        preview = (summary.preview ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
        channel = texts["app.channels.\(conversation.channel.rawValue)"]
        channelIcon = conversation.channel.rawValue
        age = agent.format.relative(conversation.lastMessageAt)
        exactTime = agent.format.exact(conversation.lastMessageAt)
        sla = SLABadge(conversation, format: agent.format, texts: texts)
        assignee = summary.assigneeName ?? ""
        assigneeInitials = summary.assigneeName.map(AppChrome.initials)
        unread = summary.unread
        self.active = conversation.publicID == active
        priority = conversation.priority == .normal ? nil : texts["app.priorities.\(conversation.priority.rawValue)"]
        urgent = conversation.priority == .urgent || conversation.priority == .high
        tags = summary.tags
    }
}

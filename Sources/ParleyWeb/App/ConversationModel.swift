import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The open conversation: header, thread, reply box and actions.
struct ConversationModel {
    typealias Option = SelectOption

    let publicID: String
    let number: String
    let subject: String
    let status: String
    let statusLabel: String
    let isResolved: Bool
    let channel: String
    /// How the answer can go out: email to the address the customer wrote from, SMS to their phone.
    let replyChannels: [Option]
    /// Who the customer is called here, for "… is typing" in a live chat.
    let customerName: String
    let canReply: Bool
    let sla: SLABadge?
    let priorities: [Option]
    let assignees: [Option]
    let teams: [Option]
    let hasTeams: Bool
    let assignedToMe: Bool
    let statusesAfterReply: [Option]
    let canned: [Option]
    let thread: [ThreadItem]
    let tags: String
    let draft: String
    let error: String?
    let notice: String?
    let backHref: String
    let actionBase: String
    let snoozedUntil: String?
    let calls: PhoneCallForm.Options
    /// Conversations of the same customer that look like the same matter, to merge into this one.
    let duplicates: [Related]
    /// After a merge or a split: what happened, with its undo.
    let undo: Undo?
    let canSplit: Bool
    let hasDuplicates: Bool
    /// What the customer would receive for the draft, when the agent asked.
    let preview: PreviewModel?

    struct PreviewModel {
        let channel: String
        let recipient: String
        /// Named apart from the conversation's `subject`, which Mustache would find when this is nil.
        let mailSubject: String?
        let body: String
    }
    /// This conversation's public id, reachable from inside the duplicates' section.
    let currentID: String

    struct Related {
        let publicID: String
        let number: String
        let subject: String
        let age: String
    }

    struct Undo {
        let text: String
        let action: String
    }

    init(
        summary: ConversationSummary, messages: [ConversationMessageDetails], agents: [Agent], teams: [Team],
        canned: [CannedResponse], email: String?, phone: String?, agent: SignedInAgent, texts: Texts, draft: String, error: String?,
        notice: String?,
        backHref: String, duplicates: [ConversationSummary] = [], undo: Undo? = nil, preview: ReplyComposition? = nil
    ) {
        let conversation = summary.conversation
        publicID = conversation.publicID
        number = "#\(conversation.number)"
        subject = conversation.subject.isEmpty ? texts["app.conversation.noSubject"] : conversation.subject
        status = conversation.status.rawValue
        statusLabel = texts["app.status.\(conversation.status.rawValue)"]
        isResolved = conversation.status == .resolved
        channel = texts["app.channels.\(conversation.channel.rawValue)"]
        // The way the shop last answered, else the conversation's own channel.
        let lastReply = messages.last { $0.message.kind == .reply }?.message.channel ?? conversation.channel
        let smsFirst = lastReply == .sms || email == nil
        // A live chat is answered in the chat, a messenger through its bridge; email and SMS stay
        // offered for a customer who left.
        let own = conversation.channel == .chat || conversation.channel == .api
        replyChannels =
            (own
                ? [
                    Option(
                        value: conversation.channel.rawValue, label: texts["app.channels.\(conversation.channel.rawValue)"], selected: true)
                ]
                : [])
            + (email.map { [Option(value: "email", label: "\(texts["app.channels.email"]) · \($0)", selected: !own && !smsFirst)] } ?? [])
            + (phone.map { [Option(value: "sms", label: "\(texts["app.channels.sms"]) · \($0)", selected: !own && smsFirst)] } ?? [])
        canReply = !replyChannels.isEmpty
        sla = SLABadge(conversation, format: agent.format, texts: texts)
        priorities = ConversationPriority.allCases.map {
            Option(value: $0.rawValue, label: texts["app.priorities.\($0.rawValue)"], selected: conversation.priority == $0)
        }
        assignees =
            [Option(value: "", label: texts["app.conversation.nobody"], selected: conversation.assigneeID == nil)]
            + agents.filter { $0.role != .marketer }.map {
                Option(value: String($0.id), label: $0.name, selected: conversation.assigneeID == $0.id)
            }
        assignedToMe = conversation.assigneeID == agent.agent.id
        // A team set through the API before the shop made its teams stays offered, so that saving keeps it.
        let named =
            conversation.team.map { team in
                teams.contains { $0.name == team } ? [] : [Team(id: 0, shopID: conversation.shopID, name: team, memberIDs: [])]
            } ?? []
        self.teams = Option.teams(teams + named, selected: conversation.team, none: texts["app.teams.none"])
        hasTeams = !(teams + named).isEmpty
        statusesAfterReply = [ConversationStatus.pending, .open, .resolved].map {
            Option(value: $0.rawValue, label: texts["app.reply.then.\($0.rawValue)"], selected: $0 == .pending)
        }
        self.canned = canned.map { Option(value: $0.shortcut, label: $0.title, selected: false) }
        let names = Dictionary(agents.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let customerName = summary.customerName ?? texts["app.conversation.unknownCustomer"]
        self.customerName = customerName
        thread = messages.map { ThreadItem($0, agents: names, customerName: customerName, agent: agent, texts: texts) }
        tags = summary.tags.joined(separator: ", ")
        self.draft = draft
        self.error = error
        self.notice = notice
        self.backHref = backHref
        actionBase = "/app/conversations/\(conversation.publicID)"
        snoozedUntil = conversation.snoozedUntil.map(agent.format.exact)
        calls = PhoneCallForm.Options(texts: texts)
        self.duplicates = duplicates.map {
            Related(
                publicID: $0.conversation.publicID, number: "#\($0.conversation.number)",
                subject: $0.conversation.subject.isEmpty ? texts["app.conversation.noSubject"] : $0.conversation.subject,
                age: agent.format.relative($0.conversation.lastMessageAt))
        }
        self.undo = undo
        hasDuplicates = !duplicates.isEmpty
        self.preview = preview.map {
            PreviewModel(
                channel: texts["app.channels.\($0.channel.rawValue)"], recipient: $0.recipient, mailSubject: $0.subject, body: $0.body)
        }
        currentID = conversation.publicID
        canSplit = messages.filter { $0.message.kind == .incoming }.count > 1
    }
}

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

/// The SLA state of a conversation in words and a tone: never colour alone.
struct SLABadge {
    let text: String
    /// `ok`, `soon` (within the hour) or `late`.
    let tone: String
    let exact: String

    init?(_ conversation: Conversation, format: AgentFormat, texts: Texts) {
        guard conversation.status == .open, let due = conversation.sla?.nextDeadline else { return nil }
        let left = due.timeIntervalSince(format.now)
        let time = format.duration(left)
        text = left > 0 ? texts.format("app.sla.left", ["time": time]) : texts.format("app.sla.overdue", ["time": time])
        tone = left <= 0 ? "late" : left <= ReadInbox.soon ? "soon" : "ok"
        exact = format.exact(due)
    }
}

/// The inbox list: a view's conversations, its filters and the link to the next page.
struct InboxListModel {
    typealias Option = SelectOption

    let heading: String
    let countText: String
    let rows: [InboxRow]
    let nextHref: String?
    let empty: String?
    let view: String
    let statuses: [Option]
    let channels: [Option]
    let priorities: [Option]
    /// Empty when the shop has no teams, and then not offered.
    let teams: [Option]
    let hasTeams: Bool
    let tag: String
    let search: String
    /// The agents to assign the selected conversations to, in bulk.
    let agents: [Option]
    let bulkReturn: String

    init(
        page: Page<ConversationSummary>, query: InboxQuery, agent: SignedInAgent, texts: Texts, active: String?, agents: [Agent],
        teams: [Team]
    ) {
        let queryString = InboxQueryParameters.encode(query)
        heading =
            query.search.map { texts.format("app.search.results", ["q": $0]) } ?? texts["app.views.\(query.view.rawValue)"]
        search = query.search ?? ""
        countText = texts.plural("app.conversations", page.items.count, number: agent.format.number(page.items.count))
        rows = page.items.map { InboxRow($0, agent: agent, texts: texts, query: queryString, active: active) }
        nextHref = page.nextCursor.map { "/app/inbox?" + InboxQueryParameters.encode(query, cursor: $0) }
        empty = page.items.isEmpty ? texts[query.search == nil ? "app.empty.\(query.view.rawValue)" : "app.search.none"] : nil
        view = query.view.rawValue
        statuses =
            [Option(value: "any", label: texts["app.status.any"], selected: query.status == nil)]
            + ConversationStatus.allCases.map {
                Option(value: $0.rawValue, label: texts["app.status.\($0.rawValue)"], selected: query.status == $0)
            }
        channels =
            [Option(value: "", label: texts["app.channels.any"], selected: query.channel == nil)]
            + ConversationChannel.allCases.map {
                Option(value: $0.rawValue, label: texts["app.channels.\($0.rawValue)"], selected: query.channel == $0)
            }
        priorities =
            [Option(value: "", label: texts["app.priorities.any"], selected: query.priority == nil)]
            + ConversationPriority.allCases.map {
                Option(value: $0.rawValue, label: texts["app.priorities.\($0.rawValue)"], selected: query.priority == $0)
            }
        self.teams = teams.isEmpty ? [] : Option.teams(teams, selected: query.team, none: texts["app.teams.any"])
        hasTeams = !teams.isEmpty
        tag = query.tag ?? ""
        self.agents = agents.map { Option(value: String($0.id), label: $0.name, selected: false) }
        bulkReturn = "/app/inbox?" + queryString
    }
}

/// The inbox query in a URL: `view=mine&status=open&channel=sms&priority=urgent&tag=refund`.
enum InboxQueryParameters {
    static func decode(_ parameters: [String: String]) -> InboxQuery {
        var query = InboxQuery()
        query.view = parameters["view"].flatMap(InboxView.init(rawValue:)) ?? .all
        if let status = parameters["status"] { query.status = ConversationStatus(rawValue: status) }
        query.channel = parameters["channel"].flatMap(ConversationChannel.init(rawValue:))
        query.priority = parameters["priority"].flatMap(ConversationPriority.init(rawValue:))
        query.tag = parameters["tag"].flatMap { $0.isEmpty ? nil : $0 }
        query.team = parameters["team"].flatMap { $0.isEmpty ? nil : $0 }
        query.search = parameters["q"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(200)) }
        // A search looks through every status unless one is chosen.
        if query.search != nil, parameters["status"] == nil { query.status = nil }
        return query
    }

    static func encode(_ query: InboxQuery, cursor: String? = nil) -> String {
        var items = [URLQueryItem(name: "view", value: query.view.rawValue)]
        if query.status != .open, !(query.search != nil && query.status == nil) {
            items.append(URLQueryItem(name: "status", value: query.status?.rawValue ?? "any"))
        }
        if let channel = query.channel { items.append(URLQueryItem(name: "channel", value: channel.rawValue)) }
        if let priority = query.priority { items.append(URLQueryItem(name: "priority", value: priority.rawValue)) }
        if let tag = query.tag { items.append(URLQueryItem(name: "tag", value: tag)) }
        if let team = query.team { items.append(URLQueryItem(name: "team", value: team)) }
        if let search = query.search { items.append(URLQueryItem(name: "q", value: search)) }
        if let cursor { items.append(URLQueryItem(name: "cursor", value: cursor)) }
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? ""
    }
}

/// The inbox screen: the list, and the open conversation with its customer when one is open.
struct InboxPageModel {
    let list: InboxListModel
    let conversation: ConversationModel?
    let customer: CustomerPanelModel?
}

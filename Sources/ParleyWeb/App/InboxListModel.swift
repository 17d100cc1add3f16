import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

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

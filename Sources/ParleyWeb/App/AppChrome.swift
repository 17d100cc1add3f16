import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// What frames every page of the agent application: the shop, the agent, the views with their counts.
struct AppChrome {
    struct Link {
        let href: String
        let label: String
        /// Nil where a view shows no count.
        let count: String?
        let active: Bool
        /// An SLA view with conversations in it: shown in warning colours (with its count in words).
        let alert: Bool
    }

    let shopName: String
    let agentName: String
    let initials: String
    let csrfToken: String
    let agentID: String
    let views: [Link]
    let manage: [Link]
    let seesConversations: Bool
    /// Open conversations with something the agent has not read, for the title and the badge.
    let unread: Int
    let hasUnread: Bool
    let unreadLabel: String

    init(agent: SignedInAgent, texts: Texts, counts: InboxCounts? = nil, active: String? = nil) {
        shopName = agent.shop.name
        agentName = agent.agent.name
        initials = Self.initials(agent.agent.name)
        csrfToken = agent.csrfToken
        agentID = String(agent.agent.id)
        seesConversations = agent.seesConversations
        func link(_ key: String, _ href: String, _ count: Int?, alert: Bool = false) -> Link {
            Link(
                href: href, label: texts["app.views.\(key)"], count: count.map(agent.format.number), active: active == key,
                alert: alert && (count ?? 0) > 0)
        }
        views =
            agent.seesConversations
            ? [
                link("mine", "/app/inbox?view=mine", counts?.mine), link("unassigned", "/app/inbox?view=unassigned", counts?.unassigned),
                link("all", "/app/inbox?view=all", counts?.all),
                link("due", "/app/inbox?view=due", counts?.dueSoon, alert: true),
                link("breached", "/app/inbox?view=breached", counts?.breached, alert: true),
                link("resolved", "/app/inbox?view=all&status=resolved", nil),
                link("callbacks", "/app/callbacks", nil),
            ] : []
        manage =
            (agent.seesConversations ? [link("mailProblems", "/app/mail-problems", nil)] : [])
            + (agent.outbox && agent.seesConversations ? [link("outbox", "/app/outbox", nil)] : [])
            + (agent.agent.role != .agent
                ? [
                    link("automation", "/app/automation", nil), link("campaigns", "/app/campaigns", nil),
                    link("segments", "/app/segments", nil),
                ] : [])
            + (agent.managesSettings ? [link("settings", "/app/settings", nil), link("webhooks", "/app/webhooks", nil)] : [])
            + [link("profile", "/app/profile", nil), link("security", "/app/security", nil)]
        unread = counts?.unread ?? 0
        hasUnread = unread > 0
        unreadLabel = texts.plural("app.unread", unread, number: agent.format.number(unread))
    }

    /// "ZW" for Zofia Wójcik, "प्" for a single Devanagari name: the first letters of the first two words.
    static func initials(_ name: String) -> String {
        String(name.split(separator: " ").prefix(2).compactMap(\.first)).uppercased()
    }
}

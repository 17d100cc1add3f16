import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// What `/app/campaigns` shows: each campaign with its audience, where it stands, and what became
/// of its members.
struct CampaignsPageModel {
    struct Row {
        let name: String
        let href: String
        let segment: String
        let status: String
        let when: String
        let queued: String
        let sent: String
        let opened: String
        let clicked: String
    }

    let campaigns: [Row]
    let hasCampaigns: Bool
    let notice: String?

    init(_ campaigns: [ManageCampaigns.Detail], agent: SignedInAgent, texts: Texts, notice: String?) {
        self.campaigns = campaigns.map { detail in
            let sent = (detail.results.messages["sent"] ?? 0) + (detail.results.messages["delivered"] ?? 0)
            let share = { (count: Int) in sent > 0 ? agent.format.percent(count, of: sent) : "" }
            return Row(
                name: detail.campaign.name, href: "/app/campaigns/\(detail.campaign.publicID)",
                segment: detail.segment?.name ?? texts["app.campaigns.noSegment"],
                status: texts["app.campaigns.statuses.\(detail.campaign.status.rawValue)"],
                when: (detail.campaign.finishedAt ?? detail.campaign.scheduledAt).map(agent.format.exact) ?? "",
                queued: agent.format.number(detail.outcomes["queued"] ?? 0),
                sent: agent.format.number(sent), opened: share(detail.results.opened), clicked: share(detail.results.clicked))
        }
        hasCampaigns = !campaigns.isEmpty
        self.notice = notice
    }
}

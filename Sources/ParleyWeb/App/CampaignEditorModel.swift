import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The campaign editor: name, audience, the text per language with its preview, the moment, and
/// what became of the members once it went.
struct CampaignEditorModel {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Language {
        let code: String
        let name: String
        let subject: String
        let body: String
        let open: Bool
        let previewSubject: String?
        let previewBody: String?
        let previewError: String?
    }

    struct Count {
        let label: String
        let value: String
    }

    let title: String
    let action: String
    let name: String
    let segments: [Option]
    let languages: [Language]
    let editable: Bool
    let status: String?
    let at: String
    let scheduleAction: String?
    let cancelAction: String?
    let deleteAction: String?
    let counts: [Count]
    let hasCounts: Bool
    let notice: String?
    let error: String?
    let reason: String?

    /// Messages by status, then the orders (with revenue) and unsubscribes within the window after
    /// them, the opens and clicks, and the links most followed.
    static func results(_ results: MarketingResults, agent: SignedInAgent, texts: Texts) -> [Count] {
        var counts = results.messages.sorted { $0.key < $1.key }.map {
            Count(label: texts["app.campaigns.messages.\($0.key)"], value: agent.format.number($0.value))
        }
        guard !results.messages.isEmpty else { return counts }
        let revenue = results.revenue.sorted { $0.key < $1.key }.map { agent.format.money(minor: $0.value, currency: $0.key) }
        counts.append(
            Count(
                label: texts["app.campaigns.orders"],
                value: agent.format.number(results.orders) + (revenue.isEmpty ? "" : " · " + revenue.joined(separator: ", "))))
        counts.append(Count(label: texts["app.campaigns.unsubscribed"], value: agent.format.number(results.unsubscribed)))
        // Rates of the emails that left: one still waiting for the budget has had no chance to be read.
        let left = results.messages.filter { $0.key == "sent" || $0.key == "delivered" }.values.reduce(0, +)
        let share = { (count: Int) in agent.format.number(count) + (left > 0 ? " (\(agent.format.percent(count, of: left)))" : "") }
        counts.append(Count(label: texts["app.campaigns.opened"], value: share(results.opened)))
        if results.openedByMachine > 0 {
            counts.append(Count(label: texts["app.campaigns.openedByMachine"], value: share(results.openedByMachine)))
        }
        counts.append(Count(label: texts["app.campaigns.clicked"], value: share(results.clicked)))
        if results.complained > 0 {
            counts.append(Count(label: texts["app.campaigns.complained"], value: share(results.complained)))
        }
        for link in results.links.prefix(5) {
            counts.append(Count(label: texts["app.campaigns.link"] + " " + link.url, value: agent.format.number(link.messages)))
        }
        return counts
    }

    /// The languages the editor always offers: Parley's own.
    static let offered = ["en", "pl", "el", "ru", "hi"]

    init(
        campaign: ManageCampaigns.Detail?, name: String, segment: String?, contents: [String: Campaign.Content],
        segments: [SegmentRepository.Segment], previews: [String: Result<(subject: String, body: String), InvalidInput>],
        agent: SignedInAgent, texts: Texts, notice: String? = nil, error: String? = nil, reason: String? = nil
    ) {
        let id = campaign?.campaign.publicID
        let status = campaign?.campaign.status ?? .draft
        title = campaign?.campaign.name ?? texts["app.campaigns.new"]
        action = id.map { "/app/campaigns/\($0)" } ?? "/app/campaigns"
        self.name = name
        self.segments =
            [Option(value: "", label: texts["app.campaigns.noSegment"], selected: segment == nil)]
            + segments.map { Option(value: $0.publicID, label: $0.name, selected: $0.publicID == segment) }
        let codes = Self.offered + contents.keys.sorted().filter { !Self.offered.contains($0) }
        languages = codes.map { code in
            let content = contents[code]
            let preview = previews[code]
            return Language(
                code: code, name: MessageEditorModel.heading(code, in: agent.language),
                subject: content?.subject ?? "", body: content?.body ?? "", open: content != nil || code == agent.shop.defaultLocale,
                previewSubject: try? preview?.get().subject, previewBody: try? preview?.get().body,
                previewError: preview.flatMap { result in
                    if case .failure(let error) = result { return error.reason }
                    return nil
                })
        }
        let editable = status == .draft || status == .scheduled
        self.editable = editable
        self.status = campaign.map { texts["app.campaigns.statuses.\($0.campaign.status.rawValue)"] }
        at = agent.format.local(campaign?.campaign.scheduledAt ?? agent.format.now + 3600)
        scheduleAction = id.flatMap { editable ? "/app/campaigns/\($0)/schedule" : nil }
        cancelAction = id.flatMap { [.draft, .scheduled, .sending].contains(status) ? "/app/campaigns/\($0)/cancel" : nil }
        deleteAction = id.flatMap { status != .sending ? "/app/campaigns/\($0)/delete" : nil }
        var counts: [Count] = []
        if let campaign {
            for (key, value) in campaign.outcomes.sorted(by: { $0.key < $1.key }) {
                counts.append(Count(label: texts["app.campaigns.outcomes.\(key)"], value: agent.format.number(value)))
            }
            counts += Self.results(campaign.results, agent: agent, texts: texts)
        }
        self.counts = counts
        hasCounts = !counts.isEmpty
        self.notice = notice
        self.error = error
        self.reason = reason
    }
}

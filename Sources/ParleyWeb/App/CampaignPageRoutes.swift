import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app/campaigns`: one-off emails to a segment, written per language with a preview of each,
/// scheduled or sent now, and what became of their members.
struct CampaignPageRoutes {
    let gate: AppGate
    let campaigns: ManageCampaigns
    let segments: ManageSegments
    let preview: CampaignPreview
    let settings: ShopSettings
    let views: Views

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/campaigns") { request, _ in
            try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                let texts = views.localizer.texts(agent.language)
                let notice = request.uri.queryParameters["done"].map { texts["app.campaigns.done.\($0)"] }
                let model = CampaignsPageModel(try await campaigns.list(shop: agent.shop.id), agent: agent, texts: texts, notice: notice)
                return views.app(.campaigns, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "campaigns"), model: model)
            }
        }
        router.get("app/campaigns.csv") { request, _ in
            try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                CSVResponse.make(
                    MarketingResultsCSV.csv(flows: [], campaigns: try await campaigns.list(shop: agent.shop.id)), filename: "campaigns.csv")
            }
        }
        router.get("app/campaigns/new") { request, _ in
            try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                try await editor(agent, detail: nil, name: "", segment: nil, contents: [:])
            }
        }
        router.get("app/campaigns/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                guard let detail = try? await campaigns.detail(shop: agent.shop.id, id: id) else {
                    return gate.problemPage(agent, key: "notFound", status: .notFound)
                }
                let texts = views.localizer.texts(agent.language)
                return try await editor(
                    agent, detail: detail, name: detail.campaign.name, segment: detail.segment?.publicID,
                    contents: detail.campaign.contents,
                    notice: request.uri.queryParameters["done"].map { texts["app.campaigns.done.\($0)"] })
            }
        }
        router.post("app/campaigns") { request, _ in try await save(request, id: nil) }
        router.post("app/campaigns/:id") { request, context in try await save(request, id: try context.parameters.require("id")) }
        for action in ["schedule", "cancel", "delete"] {
            router.post("app/campaigns/:id/\(action)") { request, context in
                let id = try context.parameters.require("id")
                return try await gate.fields(request, need: AutomationRoutes.marketers) { agent, fields in
                    let actor = AuditActor(.agent, name: agent.agent.email)
                    let texts = views.localizer.texts(agent.language)
                    do {
                        switch action {
                        case "schedule":
                            var at: Date?
                            if fields["when"] != "now", let local = fields["at"], !local.isEmpty {
                                guard let moment = agent.format.moment(local) else {
                                    throw InvalidInput(field: "at", reason: texts["app.errors.snoozeTime"])
                                }
                                at = moment
                            }
                            _ = try await campaigns.schedule(shop: agent.shop.id, id: id, at: at, by: actor)
                            return Response.redirect(to: "/app/campaigns/\(id)?done=scheduled", type: .normal)
                        case "cancel":
                            _ = try await campaigns.cancel(shop: agent.shop.id, id: id, by: actor)
                            return Response.redirect(to: "/app/campaigns/\(id)?done=cancelled", type: .normal)
                        default:
                            try await campaigns.delete(shop: agent.shop.id, id: id, by: actor)
                            return Response.redirect(to: "/app/campaigns?done=deleted", type: .normal)
                        }
                    } catch let error as CampaignError {
                        guard case .campaignNotFound = error else {
                            let detail = try await campaigns.detail(shop: agent.shop.id, id: id)
                            return try await editor(
                                agent, detail: detail, name: detail.campaign.name, segment: detail.segment?.publicID,
                                contents: detail.campaign.contents, error: texts[Self.message(error)], reason: error.description,
                                status: .conflict)
                        }
                        return gate.problemPage(agent, key: "notFound", status: .notFound)
                    } catch let error as InvalidInput {
                        let detail = try await campaigns.detail(shop: agent.shop.id, id: id)
                        return try await editor(
                            agent, detail: detail, name: detail.campaign.name, segment: detail.segment?.publicID,
                            contents: detail.campaign.contents, error: texts["app.campaigns.badTime"], reason: error.reason,
                            status: .unprocessableContent)
                    }
                }
            }
        }
    }

    static func message(_ error: CampaignError) -> String {
        switch error {
        case .incomplete: "app.campaigns.incomplete"
        case .notEditable: "app.campaigns.notEditable"
        case .campaignNotFound: "app.problem.notFound.title"
        }
    }

    /// The texts the form holds, by language; a language left blank is not written.
    static func contents(_ fields: [String: String]) -> [String: Campaign.Content] {
        var contents: [String: Campaign.Content] = [:]
        for (key, subject) in fields where key.hasPrefix("subject_") {
            let language = String(key.dropFirst("subject_".count))
            let body = fields["body_\(language)"] ?? ""
            guard !subject.trimmingCharacters(in: .whitespaces).isEmpty || !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            else { continue }
            contents[language] = Campaign.Content(subject: subject, body: body.replacingOccurrences(of: "\r\n", with: "\n"))
        }
        return contents
    }

    private func save(_ request: Request, id: String?) async throws -> Response {
        try await gate.fields(request, need: AutomationRoutes.marketers) { agent, fields in
            let texts = views.localizer.texts(agent.language)
            let draft = ManageCampaigns.Draft(name: fields["name"] ?? "", segment: fields["segment"] ?? "", contents: Self.contents(fields))
            let actor = AuditActor(.agent, name: agent.agent.email)
            var current: ManageCampaigns.Detail?
            if let id {
                guard let found = try? await campaigns.detail(shop: agent.shop.id, id: id) else {
                    return gate.problemPage(agent, key: "notFound", status: .notFound)
                }
                current = found
            }
            do {
                let saved =
                    if let id {
                        try await campaigns.update(shop: agent.shop.id, id: id, draft, by: actor)
                    } else {
                        try await campaigns.create(shop: agent.shop.id, draft, by: actor)
                    }
                return Response.redirect(to: "/app/campaigns/\(saved.campaign.publicID)?done=saved", type: .normal)
            } catch let error as InvalidInput {
                return try await editor(
                    agent, detail: current, name: draft.name ?? "", segment: draft.segment, contents: draft.contents ?? [:],
                    error: texts[error.field == "name" ? "app.campaigns.badName" : "app.campaigns.badText"], reason: error.reason,
                    status: .unprocessableContent)
            } catch let error as CampaignError {
                return try await editor(
                    agent, detail: current, name: draft.name ?? "", segment: draft.segment, contents: draft.contents ?? [:],
                    error: texts[Self.message(error)], reason: error.description, status: .conflict)
            }
        }
    }

    private func editor(
        _ agent: SignedInAgent, detail: ManageCampaigns.Detail?, name: String, segment: String?, contents: [String: Campaign.Content],
        notice: String? = nil, error: String? = nil, reason: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let shopURL = try await settings.values(shop: agent.shop.id)[.shopURL]
        var previews: [String: Result<(subject: String, body: String), InvalidInput>] = [:]
        for (language, content) in contents {
            previews[language] = preview.render(content, language: language, shop: agent.shop, shopURL: shopURL)
        }
        let model = CampaignEditorModel(
            campaign: detail, name: name, segment: segment?.isEmpty == true ? nil : segment,
            contents: contents, segments: try await segments.list(shop: agent.shop.id).map(\.segment), previews: previews, agent: agent,
            texts: texts, notice: notice, error: error, reason: reason)
        return views.app(
            .campaignEditor, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "campaigns"), model: model, status: status)
    }
}

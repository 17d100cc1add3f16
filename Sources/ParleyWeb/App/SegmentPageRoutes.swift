import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app/segments`: the saved audiences a marketer builds, each counted now, edited as rows of
/// conditions.
struct SegmentPageRoutes {
    let gate: AppGate
    let segments: ManageSegments
    let views: Views

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/segments") { request, _ in
            try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                let texts = views.localizer.texts(agent.language)
                let done = request.uri.queryParameters["done"].map(String.init)
                let model = SegmentsPageModel(
                    try await segments.list(shop: agent.shop.id), agent: agent, texts: texts,
                    notice: done == "deleted" ? texts["app.segments.deleted"] : nil)
                return views.app(
                    .segments, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "segments"), model: model)
            }
        }
        router.get("app/segments/new") { request, _ in
            try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                editor(agent, form: SegmentForm(name: "", rule: SegmentRule(conditions: [SegmentCondition(.ordered)])), segment: nil)
            }
        }
        router.get("app/segments/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: AutomationRoutes.marketers) { agent in
                guard let preview = try? await segments.preview(shop: agent.shop.id, id: id) else {
                    return gate.problemPage(agent, key: "notFound", status: .notFound)
                }
                let texts = views.localizer.texts(agent.language)
                return editor(
                    agent, form: SegmentForm(name: preview.segment.name, rule: preview.segment.rule), segment: preview,
                    notice: request.uri.queryParameters["done"] == "saved" ? texts["app.segments.saved"] : nil)
            }
        }
        router.post("app/segments") { request, _ in
            try await save(request, id: nil)
        }
        router.post("app/segments/:id") { request, context in
            try await save(request, id: try context.parameters.require("id"))
        }
        router.post("app/segments/:id/delete") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.fields(request, need: AutomationRoutes.marketers) { agent, _ in
                try await segments.delete(shop: agent.shop.id, id: id, by: AuditActor(.agent, name: agent.agent.email))
                return Response.redirect(to: "/app/segments?done=deleted", type: .normal)
            }
        }
    }

    private func save(_ request: Request, id: String?) async throws -> Response {
        try await gate.fields(request, need: AutomationRoutes.marketers) { agent, fields in
            let form = SegmentForm(fields: fields)
            let texts = views.localizer.texts(agent.language)
            let actor = AuditActor(.agent, name: agent.agent.email)
            var current: ManageSegments.Preview?
            if let id {
                guard let found = try? await segments.preview(shop: agent.shop.id, id: id) else {
                    return gate.problemPage(agent, key: "notFound", status: .notFound)
                }
                current = found
            }
            do {
                let rule = try form.rule()
                let saved =
                    if let id {
                        try await segments.update(
                            shop: agent.shop.id, id: id, name: form.name, match: rule.match, conditions: rule.conditions, by: actor)
                    } else {
                        try await segments.create(shop: agent.shop.id, name: form.name, rule: rule, by: actor)
                    }
                return Response.redirect(to: "/app/segments/\(saved.segment.publicID)?done=saved", type: .normal)
            } catch let error as InvalidInput {
                return editor(
                    agent, form: form, segment: current, error: texts[Self.message(for: error.field)], reason: error.reason,
                    status: .unprocessableContent)
            } catch SegmentError.nameTaken {
                return editor(agent, form: form, segment: current, error: texts["app.segments.nameTaken"], status: .conflict)
            }
        }
    }

    /// The sentence for a refused field: the name, or a condition row.
    static func message(for field: String) -> String {
        field == "name" ? "app.segments.badName" : field == "conditions" ? "app.segments.noConditions" : "app.segments.badRow"
    }

    private func editor(
        _ agent: SignedInAgent, form: SegmentForm, segment: ManageSegments.Preview?, notice: String? = nil, error: String? = nil,
        reason: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        let texts = views.localizer.texts(agent.language)
        let model = SegmentEditorModel(
            form: form, segment: segment?.segment, preview: segment, agent: agent, texts: texts, notice: notice, error: error,
            reason: reason)
        return views.app(
            .segmentEditor, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "segments"), model: model, status: status)
    }
}

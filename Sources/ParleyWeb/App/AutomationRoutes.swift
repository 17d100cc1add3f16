import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/app/automation`: the ready-made flows a marketer or an owner switches on, with their waits and
/// how their runs ended; the marketing budget itself is in the settings.
struct AutomationRoutes {
    let gate: AppGate
    let flows: ManageFlows
    let testRuns: FlowTestRuns
    let segments: ManageSegments
    let views: Views

    struct FlowForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let enabled: String?
        let wait: String?
        /// Replenishment's days per product, one `SKU = days` a line.
        let intervals: String?
        /// The segment's id, or empty for everyone.
        let segment: String?
    }

    struct TestForm: Decodable, CSRFProtected {
        let csrfToken: String?
        /// An email address or a customer's id.
        let customer: String?
    }

    /// Marketers, owners and administrators.
    static let marketers: @Sendable (SignedInAgent) -> Bool = { $0.agent.role != .agent }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/automation") { request, _ in
            try await gate.page(request, need: Self.marketers) { agent in
                try await page(agent, notice: request.uri.queryParameters["done"] == "saved" ? "app.automation.saved" : nil)
            }
        }
        router.get("app/automation.csv") { request, _ in
            try await gate.page(request, need: Self.marketers) { agent in
                CSVResponse.make(
                    MarketingResultsCSV.csv(flows: try await flows.list(shop: agent.shop.id), campaigns: []), filename: "flows.csv")
            }
        }
        router.post("app/automation/:recipe/test") { request, context in
            let recipe = try context.parameters.require("recipe")
            return try await gate.form(request, context: context, TestForm.self, need: Self.marketers) { agent, form in
                let texts = views.localizer.texts(agent.language)
                let customer = form.customer?.trimmingCharacters(in: .whitespaces) ?? ""
                let trial: AutomationPageModel.Trial
                do {
                    let result = try await testRuns.run(shop: agent.shop.id, recipe: recipe, customer: customer)
                    trial = AutomationPageModel.trial(result, customer: customer, agent: agent, texts: texts)
                } catch is InvalidInput {
                    trial = AutomationPageModel.Trial(
                        customer: customer, sentence: texts["app.automation.test.notFound"], subject: nil, text: nil, problem: true)
                }
                return try await page(agent, trial: (recipe, trial))
            }
        }
        router.post("app/automation/:recipe") { request, context in
            let recipe = try context.parameters.require("recipe")
            return try await gate.form(request, context: context, FlowForm.self, need: Self.marketers) { agent, form in
                do {
                    _ = try await flows.update(
                        shop: agent.shop.id, recipe: recipe, enabled: form.enabled == "on", wait: form.wait,
                        intervals: try form.intervals.map(ManageFlows.intervals(parsing:)), segment: form.segment,
                        by: AuditActor(.agent, name: agent.agent.email))
                    return Response.redirect(to: "/app/automation?done=saved", type: .normal)
                } catch let error as InvalidInput {
                    let message = error.field.hasPrefix("intervals") ? "app.automation.badIntervals" : "app.automation.badWait"
                    return try await page(
                        agent, error: views.localizer.texts(agent.language)[message], reason: error,
                        typed: form.intervals.map { (recipe, $0) })
                }
            }
        }
    }

    private func page(
        _ agent: SignedInAgent, notice: String? = nil, error: String? = nil, reason: InvalidInput? = nil,
        typed: (recipe: String, intervals: String)? = nil, trial: (recipe: String, trial: AutomationPageModel.Trial)? = nil
    ) async throws -> Response {
        let texts = views.localizer.texts(agent.language)
        let model = AutomationPageModel(
            try await flows.list(shop: agent.shop.id), segments: try await segments.list(shop: agent.shop.id).map(\.segment), agent: agent,
            texts: texts, notice: notice.map { texts[$0] }, error: error, typed: typed, trial: trial)
        return views.app(
            .automation, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "automation"), model: model,
            status: reason == nil ? .ok : .unprocessableContent)
    }
}

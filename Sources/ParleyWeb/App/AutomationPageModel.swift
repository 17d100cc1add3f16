import Foundation
import ParleyCore
import ParleyServices

/// What `/app/automation` shows: each ready-made flow with its switch, its wait, and how its runs ended.
struct AutomationPageModel {
    struct FlowRow {
        let recipe: String
        let name: String
        let explain: String
        let enabled: Bool
        let state: String
        let wait: String
        let waitHuman: String
        let action: String
        let counts: [Count]
        let hasCounts: Bool
    }

    struct Count {
        let label: String
        let value: String
    }

    let flows: [FlowRow]
    let notice: String?
    let error: String?

    init(_ flows: [ManageFlows.Flow], agent: SignedInAgent, texts: Texts, notice: String? = nil, error: String? = nil) {
        self.flows = flows.map { flow in
            let recipe = flow.settings.recipe.rawValue
            let counts = flow.runs.sorted { $0.value > $1.value }.map {
                Count(label: texts["app.automation.statuses.\($0.key)"], value: agent.format.number($0.value))
            }
            return FlowRow(
                recipe: recipe, name: texts["app.automation.recipes.\(recipe).name"],
                explain: texts["app.automation.recipes.\(recipe).explain"],
                enabled: flow.settings.enabled, state: texts[flow.settings.enabled ? "app.automation.on" : "app.automation.off"],
                wait: DurationText.text(Int(flow.settings.wait)), waitHuman: agent.format.duration(flow.settings.wait),
                action: "/app/automation/\(recipe)", counts: counts, hasCounts: !counts.isEmpty)
        }
        self.notice = notice
        self.error = error
    }
}

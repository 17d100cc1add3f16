import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

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
        let steps: [Step]
        let segments: [Option]
        /// Replenishment's days per product, as the marketer edits them; nil for other recipes.
        let intervals: Intervals?
        let testAction: String
        /// What the flow would do for the customer the marketer tried it on.
        let trial: Trial?
    }

    /// A test run's answer: a sentence, and the email when one would go.
    struct Trial {
        let customer: String
        let sentence: String
        let subject: String?
        let text: String?
        let problem: Bool
    }

    /// A box for the days per product, so that an empty list still shows its field.
    struct Intervals {
        let value: String
    }

    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    /// One line of a flow's step list: what starts it, how long it waits, what stops it, what it sends.
    struct Step {
        let label: String
        let text: String
    }

    struct Count {
        let label: String
        let value: String
    }

    let flows: [FlowRow]
    let notice: String?
    let error: String?

    init(
        _ flows: [ManageFlows.Flow], segments: [SegmentRepository.Segment], agent: SignedInAgent, texts: Texts, notice: String? = nil,
        error: String? = nil,
        typed: (recipe: String, intervals: String)? = nil, trial: (recipe: String, trial: Trial)? = nil
    ) {
        self.flows = flows.map { flow in
            let recipe = flow.settings.recipe.rawValue
            let wait = agent.format.duration(flow.settings.wait)
            let replenishment = flow.settings.recipe == .replenishment
            let audience = flow.segment.map { texts.format("app.automation.steps.segment", ["segment": $0.name]) }
            let steps = [
                Step(
                    label: texts["app.automation.steps.when"],
                    text: texts["app.automation.triggers.\(flow.settings.recipe.trigger.rawValue)"]),
                Step(
                    label: texts["app.automation.steps.wait"],
                    text: replenishment && !flow.settings.intervals.isEmpty
                        ? texts.format("app.automation.steps.perProduct", ["wait": wait]) : wait),
                Step(label: texts["app.automation.steps.stops"], text: texts["app.automation.goals.\(recipe)"]),
                Step(
                    label: texts["app.automation.steps.sends"],
                    text: texts["app.automation.steps.email"] + (audience.map { " · " + $0 } ?? "")),
            ]
            let counts =
                flow.runs.sorted { $0.value > $1.value }.map {
                    Count(label: texts["app.automation.statuses.\($0.key)"], value: agent.format.number($0.value))
                }
                + CampaignEditorModel.results(flow.results, agent: agent, texts: texts).map { Count(label: $0.label, value: $0.value) }
            return FlowRow(
                recipe: recipe, name: texts["app.automation.recipes.\(recipe).name"],
                explain: texts["app.automation.recipes.\(recipe).explain"],
                enabled: flow.settings.enabled, state: texts[flow.settings.enabled ? "app.automation.on" : "app.automation.off"],
                wait: DurationText.text(Int(flow.settings.wait)), waitHuman: wait, action: "/app/automation/\(recipe)", counts: counts,
                hasCounts: !counts.isEmpty, steps: steps,
                segments: [Option(value: "", label: texts["app.automation.everyone"], selected: flow.segment == nil)]
                    + segments.map { Option(value: $0.publicID, label: $0.name, selected: $0.id == flow.segment?.id) },
                intervals: replenishment
                    ? Intervals(value: typed?.recipe == recipe ? typed?.intervals ?? "" : ManageFlows.text(flow.settings.intervals)) : nil,
                testAction: "/app/automation/\(recipe)/test", trial: trial?.recipe == recipe ? trial?.trial : nil)
        }
        self.notice = notice
        self.error = error
    }

    /// The sentence for a test run's answer, in the agent's language and time.
    static func trial(_ result: FlowTestRuns.Result, customer: String, agent: SignedInAgent, texts: Texts) -> Trial {
        switch result.outcome {
        case .send:
            return Trial(
                customer: customer,
                sentence: texts.format("app.automation.test.send", ["due": result.due.map(agent.format.exact) ?? ""]),
                subject: result.subject, text: result.text, problem: false)
        case .stop:
            let reason = texts["app.automation.statuses.\(result.reason ?? "")"]
            return Trial(
                customer: customer, sentence: texts.format("app.automation.test.stop", ["reason": reason]), subject: nil, text: nil,
                problem: false)
        case .noTrigger:
            return Trial(customer: customer, sentence: texts["app.automation.test.noTrigger"], subject: nil, text: nil, problem: false)
        }
    }
}

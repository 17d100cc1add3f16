import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/api/v1/flows`: the shop's ready-made automations, switched on or off, with their waits and
/// how their runs ended; `/api/v1/flows.csv` their results for a spreadsheet.
struct FlowRoutes {
    let flows: ManageFlows
    let testRuns: FlowTestRuns

    /// What a flow would do for one customer, and the email they would get.
    struct TestRunResource: Encodable {
        let outcome: String
        let reason: String?
        let trigger: String?
        let dueAt: Date?
        let subject: String?
        let text: String?
        let html: String?

        init(_ result: FlowTestRuns.Result) {
            outcome = result.outcome.rawValue
            reason = result.reason
            trigger = result.trigger
            dueAt = result.due
            subject = result.subject
            text = result.text
            html = result.html
        }
    }

    struct TestRunRequest: Decodable {
        let customer: String
    }

    struct FlowResource: Encodable {
        let recipe: String
        let enabled: Bool
        let trigger: String
        let waitSeconds: Int
        /// Replenishment's days per product, by SKU.
        let intervals: [String: Int]?
        /// The segment its emails are kept to; absent for everyone.
        let segment: SegmentReference?
        let runs: [String: Int]
        /// Its emails by status, and the orders and unsubscribes after them.
        let results: MarketingResultsResource

        struct SegmentReference: Encodable {
            let id: String
            let name: String
        }

        init(_ flow: ManageFlows.Flow) {
            recipe = flow.settings.recipe.rawValue
            enabled = flow.settings.enabled
            trigger = flow.settings.recipe.trigger.rawValue
            waitSeconds = Int(flow.settings.wait)
            intervals = flow.settings.recipe == .replenishment ? flow.settings.intervals : nil
            segment = flow.segment.map { SegmentReference(id: $0.publicID, name: $0.name) }
            runs = flow.runs
            results = MarketingResultsResource(flow.results)
        }
    }

    struct Change: Decodable {
        let enabled: Bool?
        let wait: String?
        let intervals: [String: Int]?
        let segment: String?
    }

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("flows") { _, context in
            try APIJSON.response(ListResource(data: try await flows.list(shop: context.shop).map(FlowResource.init), nextCursor: nil))
        }
        group.get("flows.csv") { _, context in
            CSVResponse.make(MarketingResultsCSV.csv(flows: try await flows.list(shop: context.shop), campaigns: []), filename: "flows.csv")
        }
        group.post("flows/:recipe/test") { request, context in
            var request = request
            let body = try await request.decodeJSON(TestRunRequest.self, context: context)
            let result = try await testRuns.run(
                shop: context.shop, recipe: try context.parameters.require("recipe"), customer: body.customer)
            return try APIJSON.response(TestRunResource(result))
        }
        group.patch("flows/:recipe") { request, context in
            var request = request
            let change = try await request.decodeJSON(Change.self, context: context)
            let flow = try await flows.update(
                shop: context.shop, recipe: try context.parameters.require("recipe"), enabled: change.enabled, wait: change.wait,
                intervals: change.intervals, segment: change.segment, by: context.actor)
            return try APIJSON.response(FlowResource(flow))
        }
    }
}

import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// What `/app/segments` shows: each saved audience with how many customers meet it now and its
/// conditions in words, and the way to a new one.
struct SegmentsPageModel {
    struct Row {
        let name: String
        let count: String
        let href: String
        let conditions: [String]
        let match: String
    }

    let segments: [Row]
    let hasSegments: Bool
    let notice: String?

    init(_ segments: [ManageSegments.Counted], agent: SignedInAgent, texts: Texts, notice: String?) {
        self.segments = segments.map { counted in
            Row(
                name: counted.segment.name,
                count: texts.plural("app.segments.customers", counted.count, number: agent.format.number(counted.count)),
                href: "/app/segments/\(counted.segment.publicID)",
                conditions: counted.segment.rule.conditions.map { Self.words($0, texts: texts) },
                match: texts[counted.segment.rule.match == .all ? "app.segments.matchAll" : "app.segments.matchAny"])
        }
        hasSegments = !segments.isEmpty
        self.notice = notice
    }

    /// A condition as a marketer reads it: "not · Ordered: filtry · at least 2 · 60–90 days ago".
    static func words(_ condition: SegmentCondition, texts: Texts) -> String {
        let row = SegmentForm.row(condition)
        var parts = [texts["app.segments.facts.\(row.choice?.rawValue ?? "")"] + (row.value.isEmpty ? "" : ": \(row.value)")]
        if let atLeast = condition.atLeast, atLeast > 1 { parts.append(texts.format("app.segments.atLeastWords", ["n": String(atLeast)])) }
        if let days = condition.days {
            parts.append(
                days.newest == 0
                    ? texts.format("app.segments.lastDays", ["n": String(days.oldest)])
                    : texts.format("app.segments.daysAgo", ["from": String(days.newest), "to": String(days.oldest)]))
        }
        return (condition.negated ? texts["app.segments.not"] + " · " : "") + parts.joined(separator: " · ")
    }
}

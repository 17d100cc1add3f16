import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// The segment editor: name, all or any, one row per condition and two blank ones to add more, and,
/// once saved, how many customers meet it now with a few of them.
struct SegmentEditorModel {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row {
        let index: Int
        let number: String
        let options: [Option]
        let value: String
        let atLeast: String
        let days: String
        let negated: Bool
    }

    let title: String
    let action: String
    let name: String
    let matchAll: Bool
    let rows: [Row]
    let count: String?
    let sample: [String]
    let hasSample: Bool
    let deleteAction: String?
    let notice: String?
    let error: String?
    let reason: String?

    init(
        form: SegmentForm, segment: SegmentRepository.Segment?, preview: ManageSegments.Preview?, agent: SignedInAgent, texts: Texts,
        notice: String? = nil, error: String? = nil, reason: String? = nil
    ) {
        title = segment?.name ?? texts["app.segments.new"]
        action = segment.map { "/app/segments/\($0.publicID)" } ?? "/app/segments"
        name = form.name
        matchAll = form.match == .all
        let rows = form.rows + Array(repeating: SegmentForm.Row(), count: 2)
        self.rows = rows.prefix(SegmentForm.rowLimit).enumerated().map { index, row in
            Row(
                index: index, number: agent.format.number(index + 1),
                options: [Option(value: "", label: texts["app.segments.noFact"], selected: row.choice == nil)]
                    + SegmentForm.Choice.allCases.map {
                        Option(value: $0.rawValue, label: texts["app.segments.facts.\($0.rawValue)"], selected: row.choice == $0)
                    },
                value: row.value, atLeast: row.atLeast, days: row.days, negated: row.negated)
        }
        count = preview.map { texts.plural("app.segments.customers", $0.count, number: agent.format.number($0.count)) }
        sample = preview?.sample.map { $0.name ?? $0.publicID } ?? []
        hasSample = !sample.isEmpty
        deleteAction = segment.map { "/app/segments/\($0.publicID)/delete" }
        self.notice = notice
        self.error = error
        self.reason = reason
    }
}

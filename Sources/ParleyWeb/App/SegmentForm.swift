import Foundation
import ParleyCore
import ParleyServices

/// The segment editor's form: a name, all-or-any, and rows of conditions (`fact_0`, `value_0`,
/// `at_least_0`, `days_0`, `not_0`…), read into a rule. A row whose fact is left empty is skipped, so
/// the blank rows the editor offers cost nothing.
struct SegmentForm {
    /// What a row's fact select offers: the rule's facts, with consent and open conversations split
    /// out so that no row needs a word typed in English.
    enum Choice: String, CaseIterable {
        case ordered, spent, viewed, searched, checkout
        case consentEmail = "consent_email"
        case consentSMS = "consent_sms"
        case language, conversation
        case openConversation = "open_conversation"
        case joined

        var fact: SegmentCondition.Fact {
            switch self {
            case .ordered: .ordered
            case .spent: .spent
            case .viewed: .viewed
            case .searched: .searched
            case .checkout: .checkout
            case .consentEmail, .consentSMS: .consent
            case .language: .language
            case .conversation, .openConversation: .conversation
            case .joined: .joined
            }
        }

        /// Whether the row's value field means something for it.
        var takesValue: Bool { [.ordered, .spent, .viewed, .searched, .language].contains(self) }

        init(_ condition: SegmentCondition) {
            switch condition.fact {
            case .ordered: self = .ordered
            case .spent: self = .spent
            case .viewed: self = .viewed
            case .searched: self = .searched
            case .checkout: self = .checkout
            case .consent: self = condition.channel == .sms ? .consentSMS : .consentEmail
            case .language: self = .language
            case .conversation: self = condition.open == true ? .openConversation : .conversation
            case .joined: self = .joined
            }
        }
    }

    /// One row as typed, to show again when the form is refused.
    struct Row: Equatable {
        var choice: Choice?
        var value = ""
        var atLeast = ""
        var days = ""
        var negated = false
    }

    /// Rows the editor reads at most: the rule's limit and the blank rows beside it.
    static let rowLimit = SegmentRule.mostConditions + 2

    var name: String
    var match: SegmentRule.Match
    var rows: [Row]

    init(fields: [String: String]) {
        name = fields["name"] ?? ""
        match = SegmentRule.Match(rawValue: fields["match"] ?? "") ?? .all
        rows = (0..<Self.rowLimit).map { index in
            Row(
                choice: fields["fact_\(index)"].flatMap(Choice.init(rawValue:)), value: fields["value_\(index)"] ?? "",
                atLeast: fields["at_least_\(index)"] ?? "", days: fields["days_\(index)"] ?? "", negated: fields["not_\(index)"] == "on")
        }.filter { $0.choice != nil }
    }

    init(name: String, rule: SegmentRule) {
        self.name = name
        match = rule.match
        rows = rule.conditions.map(Self.row)
    }

    /// The rule the rows say; a count or a window that is not a number is refused by its row.
    func rule() throws -> SegmentRule {
        SegmentRule(
            match: match,
            conditions: try rows.enumerated().compactMap { index, row in
                guard let choice = row.choice else { return nil }
                return try Self.condition(row, choice: choice, index: index)
            })
    }

    static func condition(_ row: Row, choice: Choice, index: Int) throws -> SegmentCondition {
        let value = row.value.trimmingCharacters(in: .whitespaces)
        var condition = SegmentCondition(choice.fact, negated: row.negated)
        switch choice {
        case .ordered, .viewed, .searched: condition.product = value.isEmpty ? nil : value
        case .spent:
            // "500 PLN", "249,99 PLN": the amount, then the currency.
            let words = value.split(separator: " ")
            condition.currency = words.count > 1 ? words.last.map { $0.uppercased() } : nil
            condition.amount = words.first.map { $0.replacingOccurrences(of: ",", with: ".") }
        case .consentEmail: condition.channel = .email
        case .consentSMS: condition.channel = .sms
        case .language: condition.language = value.lowercased()
        case .openConversation: condition.open = true
        case .checkout, .conversation, .joined: break
        }
        let atLeast = row.atLeast.trimmingCharacters(in: .whitespaces)
        if !atLeast.isEmpty {
            guard let count = Int(atLeast) else {
                throw InvalidInput(field: "conditions[\(index)].at_least", reason: "must be a whole number from 1 to 10000")
            }
            condition.atLeast = count
        }
        let days = row.days.trimmingCharacters(in: .whitespaces)
        if !days.isEmpty {
            guard let window = DayWindow(days) else {
                throw InvalidInput(
                    field: "conditions[\(index)].days", reason: "must be a number of days such as 7, or a span such as 60-90")
            }
            condition.days = window
        }
        return condition
    }

    static func row(_ condition: SegmentCondition) -> Row {
        let choice = Choice(condition)
        let value: String =
            switch condition.fact {
            case .ordered, .viewed, .searched: condition.product ?? ""
            case .spent: [condition.amount, condition.currency].compactMap { $0 }.joined(separator: " ")
            case .language: condition.language ?? ""
            default: ""
            }
        return Row(
            choice: choice, value: value, atLeast: condition.atLeast.map(String.init) ?? "", days: condition.days?.description ?? "",
            negated: condition.negated)
    }
}

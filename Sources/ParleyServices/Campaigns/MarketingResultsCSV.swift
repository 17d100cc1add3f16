import Foundation
import ParleyCore

/// The results of a shop's flows and campaigns as one CSV (RFC 4180) for a spreadsheet: a row per
/// flow and per campaign, messages by status, opens, clicks and spam complaints, orders, revenue per currency (a
/// column each, in major units with a point) and unsubscribes.
public enum MarketingResultsCSV {
    public static func csv(flows: [ManageFlows.Flow], campaigns: [ManageCampaigns.Detail]) -> String {
        let rows: [(kind: String, id: String, name: String, status: String, results: MarketingResults)] =
            flows.map { ("flow", $0.settings.recipe.rawValue, $0.settings.recipe.rawValue, $0.settings.enabled ? "on" : "off", $0.results) }
            + campaigns.map { ("campaign", $0.campaign.publicID, $0.campaign.name, $0.campaign.status.rawValue, $0.results) }
        let currencies = Set(rows.flatMap { $0.results.revenue.keys }).sorted()
        let header =
            ["kind", "id", "name", "status"] + statuses + ["opened", "opened_by_machine_only", "clicked", "complained", "orders"]
            + currencies.map { "revenue_\($0)" } + ["unsubscribed"]
        var lines = [header.joined(separator: ",")]
        for row in rows {
            let results = row.results
            let counts = statuses.map { String(results.messages[$0] ?? 0) }
            let revenue = currencies.map { code in results.revenue[code].map { amount(minor: $0, code: code) } ?? "0" }
            let fields =
                [row.kind, row.id, row.name, row.status] + counts
                + [results.opened, results.openedByMachine, results.clicked, results.complained, results.orders].map(String.init) + revenue
                + [String(results.unsubscribed)]
            lines.append(fields.map(CSVField.escaped).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Every message status, as columns.
    static let statuses = MessageStatus.allCases.map(\.rawValue)

    /// `12345` PLN as `123.45`: a number every spreadsheet reads, whatever its language.
    static func amount(minor: Int64, code: String) -> String {
        let per = Currency.minorUnitsPerMajor(code)
        guard per > 1 else { return String(minor) }
        let digits = String(per).count - 1
        let sign = minor < 0 ? "-" : ""
        let fraction = String(abs(minor) % per)
        return sign + String(abs(minor) / per) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

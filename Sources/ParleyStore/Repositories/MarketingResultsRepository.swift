import Foundation
import ParleyCore
import SQLKit

/// The results of marketing emails, for a campaign (`campaign_sends`) or a flow's recipe (`flow_runs`):
/// the recipients' orders and unsubscribes after each email are read with the email's send time and
/// judged against the attribution window here, the same on both databases.
public struct MarketingResultsRepository: Sendable {
    /// Whose emails: a campaign's, or a recipe's.
    public enum Source: Sendable {
        case campaign(Int64)
        case flow(FlowRecipe)
    }

    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func results(shop: ShopID, of source: Source) async throws -> MarketingResults {
        let sends: SQLQueryString =
            switch source {
            case .campaign(let id):
                "SELECT s.customer_id AS customer_id, s.message_id AS message_id FROM campaign_sends s WHERE s.shop_id = \(bind: shop.rawValue) AND s.campaign_id = \(bind: id) AND s.message_id IS NOT NULL"
            case .flow(let recipe):
                "SELECT r.customer_id AS customer_id, r.message_id AS message_id FROM flow_runs r WHERE r.shop_id = \(bind: shop.rawValue) AND r.recipe = \(bind: recipe.rawValue) AND r.message_id IS NOT NULL"
            }
        var results = MarketingResults()
        for row in try await sql.raw(
            "SELECT m.status AS status, COUNT(*) AS n FROM (" + sends + ") x JOIN messages m ON m.id = x.message_id GROUP BY m.status"
        ).all() {
            results.messages[try row.value("status")] = Int(try row.value("n", as: Int64.self))
        }
        var credited: Set<Int64> = []
        for row in try await sql.raw(
            "SELECT o.id AS id, o.currency AS currency, o.total_minor AS total, o.placed_at AS placed_at, m.sent_at AS sent_at FROM ("
                + sends
                + ") x JOIN messages m ON m.id = x.message_id JOIN orders o ON o.shop_id = \(bind: shop.rawValue) AND o.customer_id = x.customer_id"
                + " AND o.placed_at >= m.sent_at AND o.stage NOT IN ('cancelled', 'refunded') WHERE m.sent_at IS NOT NULL"
        ).all() {
            let id: Int64 = try row.value("id")
            guard MarketingResults.credits(sent: try row.value("sent_at"), at: try row.value("placed_at")), credited.insert(id).inserted
            else { continue }
            results.orders += 1
            results.revenue[try row.value("currency"), default: 0] += try row.value("total", as: Int64.self)
        }
        var left: Set<Int64> = []
        for row in try await sql.raw(
            "SELECT x.customer_id AS customer_id, k.recorded_at AS recorded_at, m.sent_at AS sent_at FROM (" + sends
                + ") x JOIN messages m ON m.id = x.message_id JOIN customer_consents k ON k.shop_id = \(bind: shop.rawValue)"
                + " AND k.customer_id = x.customer_id AND k.channel = 'email' AND k.purpose = 'marketing' AND k.status = 'revoked'"
                + " WHERE m.sent_at IS NOT NULL"
        ).all() {
            guard MarketingResults.credits(sent: try row.value("sent_at"), at: try row.value("recorded_at")) else { continue }
            left.insert(try row.value("customer_id"))
        }
        results.unsubscribed = left.count
        let engagements = EngagementRepository(sql)
        (results.opened, results.openedByMachine, results.clicked, results.complained) = try await engagements.counts(
            shop: shop, of: sends)
        results.links = try await engagements.links(shop: shop, of: sends, limit: 10).map {
            MarketingResults.Link(url: $0.url, messages: $0.messages)
        }
        return results
    }
}

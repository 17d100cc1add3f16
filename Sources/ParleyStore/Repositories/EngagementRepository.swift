import Foundation
import ParleyCore
import SQLKit

/// Opens and clicks of the shop's emails: the first of each kind, source and link per message.
public struct EngagementRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Notes an open (`url` empty) or a click; a repeat of one already noted changes nothing.
    public func record(
        shop: ShopID, messageID: Int64, kind: MailEngagement.Kind, source: MailEngagement.Source, url: String, at: Date
    ) async throws {
        try await sql.raw(
            """
            INSERT INTO message_engagements (shop_id, message_id, kind, source, url, at)
            VALUES (\(bind: shop.rawValue), \(bind: messageID), \(bind: kind.rawValue), \(bind: source.rawValue), \(bind: url), \(bind: at))
            ON CONFLICT (message_id, kind, source, url) DO NOTHING
            """
        ).run()
    }

    /// How many of the messages `sends` selects (a query with a `message_id` column) were opened by a
    /// person (a person's click counts as an open: many read with images off), opened only by a
    /// machine, clicked by a person, and marked as spam.
    public func counts(shop: ShopID, of sends: SQLQueryString) async throws -> (
        opened: Int, openedByMachine: Int, clicked: Int, complained: Int
    ) {
        let row = try await sql.raw(
            "SELECT SUM(CASE WHEN y.person > 0 THEN 1 ELSE 0 END) AS opened,"
                + " SUM(CASE WHEN y.person = 0 AND y.machine > 0 THEN 1 ELSE 0 END) AS machine,"
                + " SUM(CASE WHEN y.clicks > 0 THEN 1 ELSE 0 END) AS clicked,"
                + " SUM(CASE WHEN y.complaints > 0 THEN 1 ELSE 0 END) AS complained FROM (SELECT e.message_id AS message_id,"
                + " SUM(CASE WHEN e.source = 'person' AND e.kind IN ('open', 'click') THEN 1 ELSE 0 END) AS person,"
                + " SUM(CASE WHEN e.source <> 'person' AND e.kind = 'open' THEN 1 ELSE 0 END) AS machine,"
                + " SUM(CASE WHEN e.source = 'person' AND e.kind = 'click' THEN 1 ELSE 0 END) AS clicks,"
                + " SUM(CASE WHEN e.kind = 'complaint' THEN 1 ELSE 0 END) AS complaints FROM (" + sends
                + ") x JOIN message_engagements e ON e.message_id = x.message_id WHERE e.shop_id = \(bind: shop.rawValue)"
                + " GROUP BY e.message_id) y"
        ).first()
        // SUM over no rows is NULL.
        let count = { (column: String) throws -> Int in Int(try row?.value(column, as: Int64?.self) ?? 0) }
        return (try count("opened"), try count("machine"), try count("clicked"), try count("complained"))
    }

    /// The links people followed in those messages, most followed first: each counted once per message.
    public func links(shop: ShopID, of sends: SQLQueryString, limit: Int) async throws -> [(url: String, messages: Int)] {
        try await sql.raw(
            "SELECT e.url AS url, COUNT(*) AS n FROM (" + sends
                + ") x JOIN message_engagements e ON e.message_id = x.message_id WHERE e.shop_id = \(bind: shop.rawValue)"
                + " AND e.kind = 'click' AND e.source = 'person' GROUP BY e.url ORDER BY n DESC, e.url LIMIT \(bind: limit)"
        ).all().map { (try $0.value("url"), Int(try $0.value("n", as: Int64.self))) }
    }
}

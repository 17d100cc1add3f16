import Foundation
import ParleyCore
import SQLKit

/// A segment's rule as an SQL condition on the customer `c`, the same on SQLite and PostgreSQL:
/// each fact a correlated count over the customer's orders, events or conversations, which the
/// indexes by shop and customer answer without scanning the shop's history.
struct SegmentSQL {
    let shop: ShopID
    let defaultLocale: String
    let now: Date

    func rule(_ rule: SegmentRule) -> SQLQueryString {
        let parts = rule.conditions.map { "(" + condition($0) + ")" as SQLQueryString }
        guard !parts.isEmpty else { return "1 = 0" }
        return "(" + parts.joined(separator: rule.match == .all ? " AND " : " OR ") + ")"
    }

    func condition(_ condition: SegmentCondition) -> SQLQueryString {
        let test = positive(condition)
        return condition.negated ? "NOT (" + test + ")" : test
    }

    private func positive(_ condition: SegmentCondition) -> SQLQueryString {
        let shopID = shop.rawValue
        let atLeast = Int64(condition.threshold)
        switch condition.fact {
        case .ordered:
            var query: SQLQueryString =
                "(SELECT COUNT(*) FROM orders o WHERE o.shop_id = \(bind: shopID) AND o.customer_id = c.id AND o.stage NOT IN ('cancelled', 'refunded')"
            query += window(condition.days, column: "o.placed_at")
            if let product = condition.product {
                query +=
                    " AND EXISTS (SELECT 1 FROM order_items i WHERE i.shop_id = \(bind: shopID) AND i.order_id = o.id AND "
                    + matches(product, code: "i.sku", name: "i.name") + ")"
            }
            return query + ") >= \(bind: atLeast)"
        case .spent:
            let currency = condition.currency ?? ""
            return "(SELECT COALESCE(SUM(o.total_minor), 0) FROM orders o WHERE o.shop_id = \(bind: shopID) AND o.customer_id = c.id"
                + " AND o.stage NOT IN ('cancelled', 'refunded') AND o.currency = \(bind: currency)"
                + window(condition.days, column: "o.placed_at")
                + ") >= \(bind: condition.amountMinor ?? 0)"
        case .viewed, .searched, .checkout:
            let type: CustomerEvent.Kind = condition.fact == .viewed ? .product : condition.fact == .searched ? .search : .checkout
            var query: SQLQueryString =
                "(SELECT COUNT(*) FROM customer_events e WHERE e.shop_id = \(bind: shopID) AND e.type = \(bind: type.rawValue)"
                + " AND (e.customer_id = c.id OR e.visitor_id IN (SELECT v.id FROM chat_visitors v WHERE v.shop_id = \(bind: shopID) AND v.customer_id = c.id))"
            query += window(condition.days, column: "e.occurred_at")
            if let product = condition.product {
                query +=
                    " AND "
                    + (type == .search ? contains(product, column: "e.title") : matches(product, code: "e.product_id", name: "e.title"))
            }
            return query + ") >= \(bind: atLeast)"
        case .consent:
            return
                "EXISTS (SELECT 1 FROM customer_consents k WHERE k.shop_id = \(bind: shopID) AND k.customer_id = c.id AND k.channel = \(bind: condition.channel?.rawValue ?? "")"
                + " AND k.purpose = 'marketing' AND k.status = 'granted')"
        case .language:
            let language = (condition.language ?? "").lowercased()
            // Spelled out for a customer with no language, so that its negation is not NULL but true.
            let own: SQLQueryString =
                "(c.locale IS NOT NULL AND (LOWER(c.locale) = \(bind: language) OR LOWER(c.locale) LIKE \(bind: language + "-%")))"
            let base = defaultLocale.lowercased().split(separator: "-").first.map(String.init) ?? ""
            return base == language ? "(c.locale IS NULL OR " + own + ")" : own
        case .conversation:
            var query: SQLQueryString =
                "(SELECT COUNT(*) FROM conversations v WHERE v.shop_id = \(bind: shopID) AND v.customer_id = c.id AND v.merged_into_id IS NULL"
            if condition.open == true { query += " AND v.status <> 'resolved'" }
            return query + window(condition.days, column: "v.created_at") + ") >= \(bind: atLeast)"
        case .joined:
            return "1 = 1" + window(condition.days, column: "c.created_at")
        }
    }

    /// ` AND column >= start [AND column < end]`, or nothing for ever.
    private func window(_ days: DayWindow?, column: String) -> SQLQueryString {
        guard let days else { return "" }
        let span = days.span(at: now)
        var query: SQLQueryString = " AND \(unsafeRaw: column) >= \(bind: span.start)"
        if let end = span.end { query += " AND \(unsafeRaw: column) < \(bind: end)" }
        return query
    }

    /// A product named by its code exactly, or by words its name contains, in any case.
    private func matches(_ product: String, code: String, name: String) -> SQLQueryString {
        "(\(unsafeRaw: code) = \(bind: product) OR " + contains(product, column: name) + ")"
    }

    private func contains(_ words: String, column: String) -> SQLQueryString {
        let escaped = words.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "LOWER(\(unsafeRaw: column)) LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'"
    }
}

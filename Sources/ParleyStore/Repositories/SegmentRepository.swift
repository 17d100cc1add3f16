import Foundation
import ParleyCore
import SQLKit

/// All SQL about segments: the saved rules, and who meets one now, counted and listed by the
/// database (a shop's 100,000 customers are never loaded to be judged).
public struct SegmentRepository: Sendable {
    /// A saved segment.
    public struct Segment: Sendable, Equatable {
        public let id: Int64
        public let publicID: String
        public var name: String
        public var rule: SegmentRule
        public let createdAt: Date
        public var updatedAt: Date
    }

    /// A customer who meets a rule, as a list of members shows them.
    public struct Member: Sendable, Equatable {
        public let id: Int64
        public let publicID: String
        public let name: String?
        public let locale: String?
    }

    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    public func insert(shop: ShopID, publicID: String, name: String, rule: SegmentRule, now: Date) async throws -> Segment {
        try await sql.raw(
            """
            INSERT INTO segments (shop_id, public_id, name, rule, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: name), \(bind: try Self.json(rule)), \(bind: now), \(bind: now))
            """
        ).run()
        guard let segment = try await find(shop: shop, publicID: publicID) else { throw StoreError.missingRow("segment") }
        return segment
    }

    public func update(shop: ShopID, _ segment: Segment, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE segments SET name = \(bind: segment.name), rule = \(bind: try Self.json(segment.rule)), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: segment.id)
            """
        ).run()
    }

    public func delete(shop: ShopID, id: Int64) async throws {
        try await sql.raw("DELETE FROM segments WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").run()
    }

    public func find(shop: ShopID, publicID: String) async throws -> Segment? {
        try await sql.raw("SELECT * FROM segments WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)")
            .first().map(Self.segment)
    }

    public func find(shop: ShopID, id: Int64) async throws -> Segment? {
        try await sql.raw("SELECT * FROM segments WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.segment)
    }

    public func list(shop: ShopID) async throws -> [Segment] {
        try await sql.raw("SELECT * FROM segments WHERE shop_id = \(bind: shop.rawValue) ORDER BY name, id").all().map(Self.segment)
    }

    /// How many customers meet `rule` at `now`.
    public func count(shop: ShopID, rule: SegmentRule, defaultLocale: String, now: Date) async throws -> Int {
        let condition = SegmentSQL(shop: shop, defaultLocale: defaultLocale, now: now).rule(rule)
        let row = try await sql.raw(
            "SELECT COUNT(*) AS n FROM customers c WHERE c.shop_id = \(bind: shop.rawValue) AND c.erased_at IS NULL AND " + condition
        ).first()
        return Int(try row?.value("n", as: Int64.self) ?? 0)
    }

    /// The customers meeting `rule` at `now`, by id, `limit` after the id `after`.
    public func members(shop: ShopID, rule: SegmentRule, defaultLocale: String, now: Date, after: Int64?, limit: Int) async throws
        -> [Member]
    {
        let condition = SegmentSQL(shop: shop, defaultLocale: defaultLocale, now: now).rule(rule)
        let from: SQLQueryString = after.map { " AND c.id > \(bind: $0)" } ?? ""
        return try await sql.raw(
            "SELECT c.id, c.public_id, c.name, c.locale FROM customers c WHERE c.shop_id = \(bind: shop.rawValue) AND c.erased_at IS NULL"
                + from + " AND " + condition + " ORDER BY c.id LIMIT \(bind: limit)"
        ).all().map { row in
            Member(
                id: try row.value("id"), publicID: try row.value("public_id"), name: try row.value("name"),
                locale: try row.value("locale"))
        }
    }

    /// Whether the customer `customerID` meets `rule` at `now`.
    public func contains(shop: ShopID, rule: SegmentRule, customerID: Int64, defaultLocale: String, now: Date) async throws -> Bool {
        let condition = SegmentSQL(shop: shop, defaultLocale: defaultLocale, now: now).rule(rule)
        return try await sql.raw(
            "SELECT c.id FROM customers c WHERE c.shop_id = \(bind: shop.rawValue) AND c.id = \(bind: customerID) AND c.erased_at IS NULL AND "
                + condition
        ).first() != nil
    }

    /// Whether the customer is in the segment `id` now; a segment deleted since holds no one.
    public func contains(shop: ShopID, segmentID: Int64, customerID: Int64, defaultLocale: String, now: Date) async throws -> Bool {
        guard let segment = try await find(shop: shop, id: segmentID) else { return false }
        return try await contains(shop: shop, rule: segment.rule, customerID: customerID, defaultLocale: defaultLocale, now: now)
    }

    static func json(_ rule: SegmentRule) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(rule), as: UTF8.self)
    }

    private static func segment(_ row: any SQLRow) throws -> Segment {
        let text: String = try row.value("rule")
        let rule: SegmentRule
        do {
            rule = try JSONDecoder().decode(SegmentRule.self, from: Data(text.utf8))
        } catch {
            throw StoreError.undecodable(column: "rule", underlying: "\(error)")
        }
        return Segment(
            id: try row.value("id"), publicID: try row.value("public_id"), name: try row.value("name"), rule: rule,
            createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"))
    }
}

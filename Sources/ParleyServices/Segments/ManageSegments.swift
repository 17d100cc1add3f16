import Foundation
import ParleyCore
import ParleyStore

/// A shop's saved audiences: who meets each now, counted live, with a few members to check it by.
public struct ManageSegments: Sendable {
    /// A segment with how many customers meet it now.
    public struct Counted: Sendable, Equatable {
        public let segment: SegmentRepository.Segment
        public let count: Int
    }

    /// A segment with its count and the first members, to see it is the audience meant.
    public struct Preview: Sendable, Equatable {
        public let segment: SegmentRepository.Segment
        public let count: Int
        public let sample: [SegmentRepository.Member]
    }

    /// Members shown beside a segment.
    public static let sampleSize = 5

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func list(shop: ShopID) async throws -> [Counted] {
        let now = clock.now()
        return try await database.read { sql in
            let segments = SegmentRepository(sql)
            let locale = try await Self.locale(shop, on: sql)
            var counted: [Counted] = []
            for segment in try await segments.list(shop: shop) {
                counted.append(
                    Counted(
                        segment: segment, count: try await segments.count(shop: shop, rule: segment.rule, defaultLocale: locale, now: now)))
            }
            return counted
        }
    }

    public func preview(shop: ShopID, id publicID: String) async throws -> Preview {
        let now = clock.now()
        return try await database.read { sql in
            let segments = SegmentRepository(sql)
            guard let segment = try await segments.find(shop: shop, publicID: publicID) else {
                throw SegmentError.segmentNotFound(publicID)
            }
            let locale = try await Self.locale(shop, on: sql)
            return Preview(
                segment: segment, count: try await segments.count(shop: shop, rule: segment.rule, defaultLocale: locale, now: now),
                sample: try await segments.members(
                    shop: shop, rule: segment.rule, defaultLocale: locale, now: now, after: nil, limit: Self.sampleSize))
        }
    }

    /// The customers who meet the segment now, a page at a time.
    public func members(shop: ShopID, id publicID: String, cursor: String?, limit: Int) async throws -> Page<SegmentRepository.Member> {
        let now = clock.now()
        return try await Page.read(cursor: cursor, limit: limit, position: \.id) { after, count in
            try await database.read { sql in
                let segments = SegmentRepository(sql)
                guard let segment = try await segments.find(shop: shop, publicID: publicID) else {
                    throw SegmentError.segmentNotFound(publicID)
                }
                return try await segments.members(
                    shop: shop, rule: segment.rule, defaultLocale: try await Self.locale(shop, on: sql), now: now, after: after,
                    limit: count)
            }
        }
    }

    /// Saves a new segment; audited.
    public func create(shop: ShopID, name: String, rule: SegmentRule, by actor: AuditActor) async throws -> Preview {
        let name = try Self.checked(name: name, rule: rule)
        let now = clock.now()
        let publicID = OpaqueToken.make(prefix: "seg_")
        try await database.transaction { sql in
            let segments = SegmentRepository(sql)
            guard try await segments.list(shop: shop).allSatisfy({ $0.name != name }) else { throw SegmentError.nameTaken(name) }
            _ = try await segments.insert(shop: shop, publicID: publicID, name: name, rule: rule, now: now)
            try await AuditLog.append(shop: shop, actor, "segment.created", target: publicID, detail: ["name": name], on: sql, at: now)
        }
        return try await preview(shop: shop, id: publicID)
    }

    /// Renames the segment, or changes how its conditions combine or the conditions themselves;
    /// what is not given stays. Audited.
    public func update(
        shop: ShopID, id publicID: String, name: String?, match: SegmentRule.Match?, conditions: [SegmentCondition]?, by actor: AuditActor
    ) async throws -> Preview {
        let now = clock.now()
        try await database.transaction { sql in
            let segments = SegmentRepository(sql)
            guard var segment = try await segments.find(shop: shop, publicID: publicID) else {
                throw SegmentError.segmentNotFound(publicID)
            }
            let rule = SegmentRule(match: match ?? segment.rule.match, conditions: conditions ?? segment.rule.conditions)
            let name = try Self.checked(name: name ?? segment.name, rule: rule)
            guard try await segments.list(shop: shop).allSatisfy({ $0.name != name || $0.id == segment.id }) else {
                throw SegmentError.nameTaken(name)
            }
            segment.name = name
            segment.rule = rule
            try await segments.update(shop: shop, segment, now: now)
            try await AuditLog.append(shop: shop, actor, "segment.changed", target: publicID, detail: ["name": name], on: sql, at: now)
        }
        return try await preview(shop: shop, id: publicID)
    }

    public func delete(shop: ShopID, id publicID: String, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            let segments = SegmentRepository(sql)
            guard let segment = try await segments.find(shop: shop, publicID: publicID) else {
                throw SegmentError.segmentNotFound(publicID)
            }
            if let campaign = try await CampaignRepository(sql).pending(shop: shop, segmentID: segment.id).first {
                throw SegmentError.inUse(campaign.name)
            }
            if let flow = try await FlowRepository(sql).settings(shop: shop).first(where: { $0.segmentID == segment.id }) {
                throw SegmentError.inUse(flow.recipe.rawValue)
            }
            try await segments.delete(shop: shop, id: segment.id)
            try await AuditLog.append(
                shop: shop, actor, "segment.deleted", target: publicID, detail: ["name": segment.name], on: sql, at: now)
        }
    }

    /// The name trimmed, when it and the rule may be saved.
    static func checked(name: String, rule: SegmentRule) throws -> String {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw InvalidInput(field: "name", reason: "is empty; name the audience, such as Filter buyers due") }
        try Validation.text(name, field: "name", limit: 100)
        if let (field, reason) = rule.problem() { throw InvalidInput(field: field, reason: reason) }
        return name
    }

    private static func locale(_ shop: ShopID, on sql: DatabaseSession) async throws -> String {
        try await ShopRepository(sql).find(id: shop)?.defaultLocale ?? "en"
    }
}

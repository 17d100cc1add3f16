import Foundation
import ParleyCore
import ParleyStore

/// A shop's ready-made flows: which are on, how long each waits, and how its runs ended.
public struct ManageFlows: Sendable {
    /// A recipe as the shop set it, with its runs by how they stand (`waiting`, `sent`, `ordered`…).
    public struct Flow: Sendable, Equatable {
        public let settings: FlowSettings
        public let runs: [String: Int]
        /// The segment its emails are kept to, when one is set.
        public let segment: SegmentRepository.Segment?
        /// Its emails by status now, and the orders and unsubscribes after them.
        public let results: MarketingResults
    }

    /// Replenishment's products a shop may list, and the days one may last.
    public static let intervalLimit = 500
    public static let intervalDays: ClosedRange<Int> = 1...365

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func list(shop: ShopID) async throws -> [Flow] {
        try await database.read { sql in
            let flows = FlowRepository(sql)
            var list: [Flow] = []
            for settings in try await flows.settings(shop: shop) { list.append(try await Self.flow(settings, shop: shop, on: sql)) }
            return list
        }
    }

    /// Switches `recipe` on or off and sets its wait and, for replenishment, the days per product;
    /// what is not given stays. Audited.
    public func update(
        shop: ShopID, recipe name: String, enabled: Bool?, wait: String?, intervals: [String: Int]? = nil, segment: String? = nil,
        by actor: AuditActor
    ) async throws -> Flow {
        guard let recipe = FlowRecipe(rawValue: name) else { throw FlowError.unknownRecipe(name) }
        var seconds: TimeInterval?
        if let wait {
            guard let parsed = DurationText.seconds(wait).map(TimeInterval.init), recipe.waits.contains(parsed) else {
                throw InvalidInput(
                    field: "wait",
                    reason: "is not a duration from \(DurationText.text(Int(recipe.waits.lowerBound))) to "
                        + "\(DurationText.text(Int(recipe.waits.upperBound))), such as \(DurationText.text(Int(recipe.defaultWait)))")
            }
            seconds = parsed
        }
        if let intervals { try Self.check(intervals, recipe: recipe) }
        let now = clock.now()
        return try await database.transaction { sql in
            let flows = FlowRepository(sql)
            guard var settings = try await flows.settings(shop: shop).first(where: { $0.recipe == recipe }) else {
                throw FlowError.unknownRecipe(name)
            }
            if let enabled { settings.enabled = enabled }
            if let seconds { settings.wait = seconds }
            if let intervals { settings.intervals = intervals }
            if let segment {
                if segment.isEmpty {
                    settings.segmentID = nil
                } else {
                    guard let found = try await SegmentRepository(sql).find(shop: shop, publicID: segment) else {
                        throw InvalidInput(field: "segment", reason: "names no segment of this shop: \(segment)")
                    }
                    settings.segmentID = found.id
                }
            }
            try await flows.save(shop: shop, settings, now: now)
            try await AuditLog.append(
                shop: shop, actor, "flow.changed", target: recipe.rawValue,
                detail: [
                    "enabled": settings.enabled ? "on" : "off", "wait": "\(Int(settings.wait))s",
                    "intervals": settings.intervals.isEmpty
                        ? nil : Self.text(settings.intervals).replacingOccurrences(of: "\n", with: ", "),
                ].compactMapValues { $0 }, on: sql, at: now)
            return try await Self.flow(settings, shop: shop, on: sql)
        }
    }

    static func flow(_ settings: FlowSettings, shop: ShopID, on sql: DatabaseSession) async throws -> Flow {
        var segment: SegmentRepository.Segment?
        if let id = settings.segmentID { segment = try await SegmentRepository(sql).find(shop: shop, id: id) }
        return Flow(
            settings: settings, runs: try await FlowRepository(sql).counts(shop: shop, recipe: settings.recipe), segment: segment,
            results: try await MarketingResultsRepository(sql).results(shop: shop, of: .flow(settings.recipe)))
    }

    /// Days per product as a marketer writes them, one `SKU = days` per line; blank lines are skipped.
    public static func intervals(parsing text: String) throws -> [String: Int] {
        var intervals: [String: Int] = [:]
        for (number, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let parts = trimmed.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let days = Int(parts[1]) else {
                throw InvalidInput(field: "intervals", reason: "line \(number + 1) is not SKU = days, such as KAWA-1KG = 30")
            }
            intervals[parts[0]] = days
        }
        return intervals
    }

    /// The days per product as `intervals(parsing:)` reads them, sorted by SKU.
    public static func text(_ intervals: [String: Int]) -> String {
        intervals.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: "\n")
    }

    private static func check(_ intervals: [String: Int], recipe: FlowRecipe) throws {
        guard recipe == .replenishment || intervals.isEmpty else {
            throw InvalidInput(field: "intervals", reason: "belong to replenishment only")
        }
        guard intervals.count <= intervalLimit else {
            throw InvalidInput(field: "intervals", reason: "name \(intervals.count) products; at most \(intervalLimit)")
        }
        for (sku, days) in intervals {
            guard !sku.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw InvalidInput(field: "intervals", reason: "names a product with an empty SKU")
            }
            try Validation.text(sku, field: "intervals", limit: Validation.Limit.identity)
            guard intervalDays.contains(days) else {
                throw InvalidInput(field: "intervals.\(sku)", reason: "is \(days) days; give 1 to 365")
            }
        }
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// A shop's ready-made flows: which are on, how long each waits, and how its runs ended.
public struct ManageFlows: Sendable {
    /// A recipe as the shop set it, with its runs by how they stand (`waiting`, `sent`, `ordered`…).
    public struct Flow: Sendable, Equatable {
        public let settings: FlowSettings
        public let runs: [String: Int]
    }

    /// The shortest and longest wait a shop may set.
    public static let waits: ClosedRange<TimeInterval> = 600...(7 * 86400)

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
            for settings in try await flows.settings(shop: shop) {
                list.append(Flow(settings: settings, runs: try await flows.counts(shop: shop, recipe: settings.recipe)))
            }
            return list
        }
    }

    /// Switches `recipe` on or off and sets its wait; what is not given stays. Audited.
    public func update(shop: ShopID, recipe name: String, enabled: Bool?, wait: String?, by actor: AuditActor) async throws -> Flow {
        guard let recipe = FlowRecipe(rawValue: name) else { throw FlowError.unknownRecipe(name) }
        var seconds: TimeInterval?
        if let wait {
            guard let parsed = DurationText.seconds(wait).map(TimeInterval.init), Self.waits.contains(parsed) else {
                throw InvalidInput(field: "wait", reason: "is not a duration from 10m to 7d, such as 1h or 4h")
            }
            seconds = parsed
        }
        let now = clock.now()
        return try await database.transaction { sql in
            let flows = FlowRepository(sql)
            guard var settings = try await flows.settings(shop: shop).first(where: { $0.recipe == recipe }) else {
                throw FlowError.unknownRecipe(name)
            }
            if let enabled { settings.enabled = enabled }
            if let seconds { settings.wait = seconds }
            try await flows.save(shop: shop, settings, now: now)
            try await AuditLog.append(
                shop: shop, actor, "flow.changed", target: recipe.rawValue,
                detail: ["enabled": settings.enabled ? "on" : "off", "wait": "\(Int(settings.wait))s"], on: sql, at: now)
            return Flow(settings: settings, runs: try await flows.counts(shop: shop, recipe: recipe))
        }
    }
}

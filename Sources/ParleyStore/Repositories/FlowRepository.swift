import Foundation
import ParleyCore
import SQLKit

/// All SQL about flows: a shop's recipe settings, and the runs started for its customers.
public struct FlowRepository: Sendable {
    /// One start of a recipe for a customer.
    public struct Run: Sendable, Equatable {
        public let id: Int64
        public let recipe: FlowRecipe
        public let customerID: Int64
        public let triggerKey: String
        public let status: String
        /// When its trigger happened.
        public let began: Date
        public let createdAt: Date

        public init(id: Int64, recipe: FlowRecipe, customerID: Int64, triggerKey: String, status: String, began: Date, createdAt: Date) {
            self.id = id
            self.recipe = recipe
            self.customerID = customerID
            self.triggerKey = triggerKey
            self.status = status
            self.began = began
            self.createdAt = createdAt
        }
    }

    /// A recipe's settings beyond its switch and wait.
    private struct Options: Codable {
        var intervals: [String: Int]?
        var segment: Int64?
    }

    private static let sortedJSON: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// The shop's settings of every recipe, the defaults for those it never set.
    public func settings(shop: ShopID) async throws -> [FlowSettings] {
        let rows = try await sql.raw(
            "SELECT recipe, enabled, wait_seconds, options FROM flows WHERE shop_id = \(bind: shop.rawValue)"
        ).all()
        var stored: [FlowRecipe: FlowSettings] = [:]
        for row in rows {
            guard let recipe = FlowRecipe(rawValue: try row.value("recipe")) else { continue }
            let options = try row.value("options", as: String?.self).flatMap {
                try? JSONDecoder().decode(Options.self, from: Data($0.utf8))
            }
            stored[recipe] = FlowSettings(
                recipe: recipe, enabled: try row.value("enabled"), wait: TimeInterval(try row.value("wait_seconds", as: Int64.self)),
                intervals: options?.intervals ?? [:], segmentID: options?.segment)
        }
        return FlowRecipe.allCases.map { stored[$0] ?? FlowSettings(recipe: $0) }
    }

    public func save(shop: ShopID, _ settings: FlowSettings, now: Date) async throws {
        let options = String(
            decoding: try Self.sortedJSON.encode(Options(intervals: settings.intervals, segment: settings.segmentID)), as: UTF8.self)
        try await sql.raw(
            """
            INSERT INTO flows (shop_id, recipe, enabled, wait_seconds, options, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: settings.recipe.rawValue), \(bind: settings.enabled), \(bind: Int64(settings.wait)),
                    \(bind: options), \(bind: now))
            ON CONFLICT (shop_id, recipe) DO UPDATE SET
                enabled = excluded.enabled, wait_seconds = excluded.wait_seconds, options = excluded.options,
                updated_at = excluded.updated_at
            """
        ).run()
    }

    /// Starts a run for `triggerKey` unless one was started before; returns the run either way.
    public func start(shop: ShopID, recipe: FlowRecipe, customerID: Int64, triggerKey: String, began: Date, now: Date) async throws
        -> Run
    {
        try await sql.raw(
            """
            INSERT INTO flow_runs (shop_id, recipe, customer_id, trigger_key, status, began_at, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: recipe.rawValue), \(bind: customerID), \(bind: triggerKey), 'waiting', \(bind: began),
                    \(bind: now), \(bind: now))
            ON CONFLICT (shop_id, recipe, trigger_key) DO NOTHING
            """
        ).run()
        guard
            let row = try await sql.raw(
                """
                SELECT * FROM flow_runs
                WHERE shop_id = \(bind: shop.rawValue) AND recipe = \(bind: recipe.rawValue) AND trigger_key = \(bind: triggerKey)
                """
            ).first()
        else { throw StoreError.missingRow("flow run") }
        return try Self.run(row)
    }

    public func find(shop: ShopID, id: Int64) async throws -> Run? {
        try await sql.raw("SELECT * FROM flow_runs WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(Self.run)
    }

    /// When the customer's latest run of `recipe` started, if one ever did.
    public func lastStart(shop: ShopID, recipe: FlowRecipe, customerID: Int64) async throws -> Date? {
        try await sql.raw(
            """
            SELECT MAX(created_at) AS started FROM flow_runs
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id = \(bind: customerID) AND recipe = \(bind: recipe.rawValue)
            """
        ).first()?.value("started", as: Date?.self)
    }

    /// Ends a waiting run with `status`, naming the message it sent; false when it had ended already.
    public func finish(shop: ShopID, id: Int64, status: String, messageID: Int64? = nil, now: Date) async throws -> Bool {
        try await sql.raw(
            """
            UPDATE flow_runs SET status = \(bind: status), message_id = \(bind: messageID), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id) AND status = 'waiting'
            RETURNING id
            """
        ).first() != nil
    }

    /// How many runs of `recipe` are in each status.
    public func counts(shop: ShopID, recipe: FlowRecipe) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await sql.raw(
            """
            SELECT status, COUNT(*) AS n FROM flow_runs WHERE shop_id = \(bind: shop.rawValue) AND recipe = \(bind: recipe.rawValue)
            GROUP BY status
            """
        ).all() {
            counts[try row.value("status")] = Int(try row.value("n", as: Int64.self))
        }
        return counts
    }

    private static func run(_ row: any SQLRow) throws -> Run {
        guard let recipe = FlowRecipe(rawValue: try row.value("recipe")) else {
            throw StoreError.undecodable(column: "recipe", underlying: "unknown flow recipe")
        }
        return Run(
            id: try row.value("id"), recipe: recipe, customerID: try row.value("customer_id"), triggerKey: try row.value("trigger_key"),
            status: try row.value("status"), began: try row.value("began_at", as: Date?.self) ?? row.value("created_at"),
            createdAt: try row.value("created_at"))
    }
}

import Foundation
import ParleyCore
import ParleyStore

/// What an agent chooses for themselves: the language of their screens and the zone they read times in.
public struct AgentProfiles: Sendable {
    /// The languages the agent application is translated into.
    public static let languages = ["en", "pl", "el", "ru", "hi"]
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    /// Sets `agentID`'s language and time zone; nil (or empty) follows the browser and the shop.
    public func update(shop: ShopID, agentID: Int64, locale: String?, timeZone: String?) async throws {
        let locale = locale.flatMap { $0.isEmpty ? nil : $0 }
        let timeZone = timeZone.flatMap { $0.isEmpty ? nil : $0 }
        if let locale, !Self.languages.contains(locale) {
            throw InvalidInput(field: "locale", reason: "must be one of \(Self.languages.joined(separator: ", "))")
        }
        if let timeZone, TimeZone(identifier: timeZone) == nil {
            throw InvalidInput(field: "time_zone", reason: "\(timeZone) is not an IANA time zone such as Europe/Warsaw")
        }
        try await database.withConnection { sql in
            try await AgentRepository(sql).updateProfile(shop: shop, agentID: agentID, locale: locale, timeZone: timeZone)
        }
    }
}

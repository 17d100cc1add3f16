import Foundation
import ParleyCore
import ParleyMail
import ParleyStore
import SQLKit

/// A shop with its settings, secrets masked: what the API and the CLI show.
public struct ShopProfile: Sendable, Equatable {
    public let shop: Shop
    /// Each set key with its displayable value (`…f00d` for a secret).
    public let settings: [String: String]
    /// The TXT record to publish for the shop's DKIM key (`parley._domainkey.kubki.example`), once set.
    public let dkimRecord: (name: String, value: String)?

    public static func == (lhs: ShopProfile, rhs: ShopProfile) -> Bool {
        lhs.shop == rhs.shop && lhs.settings == rhs.settings && lhs.dkimRecord?.name == rhs.dkimRecord?.name
            && lhs.dkimRecord?.value == rhs.dkimRecord?.value
    }
}

/// Reads and changes a shop's settings. `name`, `default_locale` and `time_zone` are the shop's own
/// columns; every other key from `ShopSetting.catalog` is a row in `shop_settings`.
public struct ShopSettings: Sendable {
    private static let columns: Set<String> = ["name", "default_locale", "time_zone"]
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The shop and its settings.
    public func profile(shop: ShopID) async throws -> ShopProfile {
        try await database.withConnection { sql in try await Self.profile(shop: shop, on: sql) }
    }

    /// The value of `key` in clear, for the code that needs it (checking a webhook signature).
    public func value(shop: ShopID, key: String) async throws -> String? {
        try await database.withConnection { sql in try await ShopSettingsRepository(sql).value(shop: shop, key: key) }
    }

    /// Every setting in clear, for the code that configures a transport from them.
    public func values(shop: ShopID) async throws -> [String: String] {
        try await database.withConnection { sql in try await ShopSettingsRepository(sql).all(shop: shop) }
    }

    /// Applies `changes` together: a nil or empty value removes the setting. Nothing changes if any is invalid.
    public func update(shop: ShopID, _ changes: [String: String?]) async throws -> ShopProfile {
        guard !changes.isEmpty else { throw InvalidInput(field: "settings", reason: "name at least one setting to change") }
        for (key, value) in changes {
            guard let setting = ShopSetting.named(key) else {
                throw InvalidInput(field: key, reason: "is no setting; known: \(ShopSetting.catalog.map(\.key).joined(separator: ", "))")
            }
            guard let value, !value.isEmpty else {
                if Self.columns.contains(key) { throw InvalidInput(field: key, reason: "cannot be removed") }
                continue
            }
            if let problem = setting.problem(with: value) { throw InvalidInput(field: key, reason: problem) }
            if setting.kind == .locale { try Validation.locale(value, field: key) }
            if setting.kind == .timeZone { try Validation.timeZone(value, field: key) }
            if key == "dkim.private_key" {
                do {
                    _ = try DKIMSigner(domain: "example.com", selector: "check", privateKeyPEM: value)
                } catch {
                    throw InvalidInput(field: key, reason: "\(error)")
                }
            }
        }
        let now = clock.now()
        return try await database.transaction { sql in
            let shops = ShopRepository(sql)
            let settings = ShopSettingsRepository(sql)
            guard var stored = try await shops.find(id: shop) else { throw NotFound("shop \(shop)") }
            for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
                switch (key, value) {
                case ("name", let name?): stored.name = name
                case ("default_locale", let locale?): stored.defaultLocale = locale
                case ("time_zone", let zone?): stored.timeZone = zone
                case (_, let value?) where !value.isEmpty: try await settings.set(shop: shop, key: key, value: value, now: now)
                default: try await settings.remove(shop: shop, key: key)
                }
            }
            try await shops.update(stored)
            return try await Self.profile(shop: shop, on: sql)
        }
    }

    private static func profile(shop: ShopID, on sql: any SQLDatabase) async throws -> ShopProfile {
        guard let found = try await ShopRepository(sql).find(id: shop) else { throw NotFound("shop \(shop)") }
        var displayed: [String: String] = [:]
        // Only settings from the catalog are shown; internal ones (the tracking-link key) never are.
        let all = try await ShopSettingsRepository(sql).all(shop: shop)
        for (key, value) in all {
            if let setting = ShopSetting.named(key) { displayed[key] = setting.displayed(value) }
        }
        let signer = try? SendMessage.dkimSigner(settings: all)
        return ShopProfile(shop: found, settings: displayed, dkimRecord: signer.map { ($0.dnsRecordName, $0.dnsRecordValue) })
    }
}

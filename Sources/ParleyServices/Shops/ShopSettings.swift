import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

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

    /// How many messages of the whole installation wait for a shop to fix a setting, and in how many shops.
    public func waitingEverywhere() async throws -> (messages: Int, shops: Int) {
        try await database.withConnection { sql in try await MessageRepository(sql).waitingEverywhere() }
    }

    /// Every setting in clear, for the code that configures a transport from them.
    public func values(shop: ShopID) async throws -> [String: String] {
        try await database.withConnection { sql in try await ShopSettingsRepository(sql).all(shop: shop) }
    }

    /// Applies `changes` together: a nil or empty value removes the setting. Nothing changes if any
    /// is invalid; each change is written to the audit log as done `by` the actor.
    public func update(shop: ShopID, _ changes: [String: String?], by actor: AuditActor = .system) async throws -> ShopProfile {
        guard !changes.isEmpty else { throw InvalidInput(field: "settings", reason: "name at least one setting to change") }
        for (key, value) in changes {
            guard let setting = ShopSetting.named(key) else {
                throw InvalidInput(field: key, reason: "is no setting; known: \(ShopSetting.catalog.map(\.key).joined(separator: ", "))")
            }
            guard let value, !value.isEmpty else {
                if Self.columns.contains(key) { throw InvalidInput(field: key, reason: "cannot be removed") }
                continue
            }
            try Self.check(setting, value)
        }
        let now = clock.now()
        return try await database.transaction { sql in
            let shops = ShopRepository(sql)
            let settings = ShopSettingsRepository(sql)
            guard var stored = try await shops.find(id: shop) else { throw ShopError.shopNotFound(String(shop.rawValue)) }
            for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
                switch (key, value) {
                case ("name", let name?): stored.name = name
                case ("default_locale", let locale?): stored.defaultLocale = locale
                case ("time_zone", let zone?): stored.timeZone = zone
                case (_, let value?) where !value.isEmpty: try await settings.set(shop: shop, key: key, value: value, now: now)
                default: try await settings.remove(shop: shop, key: key)
                }
                let secret = ShopSetting.named(key)?.isSecret == true
                let shown = value.flatMap { $0.isEmpty ? nil : $0 }.map { secret ? "(a new secret)" : $0 } ?? "(removed)"
                try await AuditLog.append(shop: shop, actor, "setting.changed", target: key, detail: ["value": shown], on: sql, at: now)
            }
            try await shops.update(stored)
            if changes.keys.contains(where: { RoutingSettings.kinds[$0] != nil || $0.hasPrefix("sms.") }) {
                let all = try await settings.all(shop: shop)
                for claim in try await RoutingClaims.update(shop: shop, settings: all, by: actor, on: sql, now: now) {
                    try await AddressConfirmations.enqueue(claim, on: sql, now: now)
                }
            }
            // Whatever changed may be what parked messages wait for; those still stuck park again.
            try await SendMessage.releaseWaiting(shop: shop, on: sql, now: now)
            return try await Self.profile(shop: shop, on: sql)
        }
    }

    /// Whether `value` fits `setting`, by its kind and, for addresses and keys, by the parsers that will use it.
    static func check(_ setting: ShopSetting, _ value: String) throws {
        let key = setting.key
        if let problem = setting.problem(with: value) { throw InvalidInput(field: key, reason: problem) }
        switch setting.kind {
        case .locale: try Validation.locale(value, field: key)
        case .timeZone: try Validation.timeZone(value, field: key)
        case .emailAddress, .mailbox:
            let address: EmailAddress
            do {
                address = try EmailAddress(parsing: value)
            } catch {
                throw InvalidInput(field: key, reason: "is not an email address such as help@kubki.example: \(error)")
            }
            if setting.kind == .emailAddress, address.displayName != nil || value.contains("<") {
                throw InvalidInput(field: key, reason: "must be the address alone, such as help@kubki.example, without a name")
            }
        case .privateKey:
            do {
                _ = try DKIMSigner(domain: "example.com", selector: "check", privateKeyPEM: value)
            } catch {
                throw InvalidInput(field: key, reason: "\(error)")
            }
        default: break
        }
    }

    private static func profile(shop: ShopID, on sql: DatabaseSession) async throws -> ShopProfile {
        guard let found = try await ShopRepository(sql).find(id: shop) else { throw ShopError.shopNotFound(String(shop.rawValue)) }
        var displayed: [String: String] = [:]
        // Only settings from the catalog are shown; internal ones (the tracking-link key) never are.
        let all = try await ShopSettingsRepository(sql).all(shop: shop)
        for (key, value) in all {
            if let setting = ShopSetting.named(key) { displayed[key] = setting.displayed(value) }
        }
        let signer = try? SendMessage.dkimSigner(settings: all)
        let warnings = try await MessageRepository(sql).waitingBySetting(shop: shop).map {
            SettingWarning(setting: $0.setting, messages: $0.messages, detail: $0.reason)
        }
        return ShopProfile(
            shop: found, warnings: warnings, routing: try await RoutingRepository(sql).claims(shop: shop), settings: displayed,
            dkimRecord: signer.map { ($0.dnsRecordName, $0.dnsRecordValue) })
    }
}

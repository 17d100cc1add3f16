import Foundation

extension ContactPressure {
    /// Two marketing emails a day and five a week; one text a week and three a month.
    public static let defaultCapsText: [Channel: String] = [.email: "2/day, 5/week", .sms: "1/week, 3/month"]
    public static let defaultMinimumGap = "2h"
    public static let defaultAfterOrderUpdate = "1d"
    public static let defaultQuietHours = "21:00-08:00"

    /// The settings the budget is read from.
    public static let settingKeys: [ShopSetting.Key] = [
        .pressureEmailCaps, .pressureSMSCaps, .pressureMinimumGap, .pressureAfterOrderUpdate, .pressureQuietHours,
        .pressureHoldDuringSupport,
    ]

    /// The budget a shop's settings describe, each unset or unreadable one at its default: settings
    /// are validated when set, and a budget must never vanish on a typo.
    public init(settings: [String: String]) {
        func caps(_ channel: Channel, _ key: ShopSetting.Key) -> [Cap] {
            (try? Self.caps(parsing: settings[key] ?? "")) ?? (try? Self.caps(parsing: Self.defaultCapsText[channel] ?? "")) ?? []
        }
        func duration(_ key: ShopSetting.Key, _ fallback: String) -> TimeInterval {
            TimeInterval(settings[key].flatMap(DurationText.seconds) ?? DurationText.seconds(fallback) ?? 0)
        }
        // `try?` would flatten "off" (no quiet hours) and a typo (the default) into one nil.
        var quiet = (try? Self.quietHours(parsing: Self.defaultQuietHours)) ?? nil
        if let text = settings[.pressureQuietHours] {
            do { quiet = try Self.quietHours(parsing: text) } catch {}
        }
        self.init(
            caps: [.email: caps(.email, .pressureEmailCaps), .sms: caps(.sms, .pressureSMSCaps)],
            minimumGap: duration(.pressureMinimumGap, Self.defaultMinimumGap),
            afterOrderUpdate: duration(.pressureAfterOrderUpdate, Self.defaultAfterOrderUpdate),
            holdDuringSupport: settings[.pressureHoldDuringSupport] != "off",
            quietHours: quiet)
    }

    /// Reads caps as settings write them: `2/day, 5/week`, `1/month`, or `none` for no cap.
    public static func caps(parsing text: String) throws(SettingTextError) -> [Cap] {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "none" { return [] }
        var caps: [Cap] = []
        for part in trimmed.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let sides = part.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, let limit = Int(sides[0]), (1...1000).contains(limit), let period = Period(rawValue: sides[1]) else {
                throw SettingTextError(
                    reason: "has \(part.trimmingCharacters(in: .whitespaces)), not a cap such as 2/day, 5/week or 3/month")
            }
            guard !caps.contains(where: { $0.period == period }) else {
                throw SettingTextError(reason: "names a cap per \(period.rawValue) twice")
            }
            caps.append(Cap(limit, per: period))
        }
        guard !caps.isEmpty else { throw SettingTextError(reason: "names no cap; write 2/day, 5/week, or none") }
        return caps
    }

    /// Reads quiet hours as `21:00-08:00` (over midnight) or `13:00-14:00`; `off` is none.
    public static func quietHours(parsing text: String) throws(SettingTextError) -> QuietHours? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if trimmed == "off" { return nil }
        let ends = trimmed.split(separator: "-").compactMap { BusinessHours.minutes(String($0)) }
        guard ends.count == 2, ends[0] < 1440, ends[1] < 1440, ends[0] != ends[1] else {
            throw SettingTextError(reason: "is not a time range such as 21:00-08:00, or off")
        }
        return QuietHours(start: ends[0], end: ends[1])
    }

    /// The zone whose clock the customer lives by: their own when known, else their phone's
    /// country's, else the shop's; UTC when none of these is a zone.
    public static func timeZone(customer: String?, phone: String?, shop: String) -> TimeZone {
        if let customer, let zone = TimeZone(identifier: customer) { return zone }
        if let phone, let name = PhoneTimeZone.zone(of: phone), let zone = TimeZone(identifier: name) { return zone }
        return TimeZone(identifier: shop) ?? .gmt
    }
}

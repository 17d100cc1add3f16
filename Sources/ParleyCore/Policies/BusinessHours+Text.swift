import Foundation

/// Why a setting written as text (business hours, holidays, SLA targets) could not be read.
public struct SettingTextError: Error, Equatable {
    /// Says what is wrong, to finish "inbox.business_hours …".
    public var reason: String
}

extension BusinessHours {
    /// Reads weekly hours as shop settings write them: day groups separated by `;`, each days then
    /// one or more `HH:MM-HH:MM` ranges.
    ///
    /// - `mon-fri 09:00-17:00; sat 10:00-14:00`
    /// - `mon,wed,fri 08:00-12:00 13:00-16:00`
    /// - `fri-mon 22:00-06:00`: a night shift continues past midnight into the next day.
    /// - `24/7` (or `always`): around the clock, the empty ``weekly``.
    ///
    /// Days missing from the text are closed.
    public static func weekly(parsing text: String) throws(SettingTextError) -> [Weekday: [Interval]] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if ["24/7", "always"].contains(trimmed) { return [:] }
        var weekly: [Weekday: [Interval]] = [:]
        for group in trimmed.split(separator: ";") {
            let words = group.split(whereSeparator: \.isWhitespace)
            guard let daysWord = words.first, words.count > 1 else {
                throw SettingTextError(reason: "needs days and hours, such as mon-fri 09:00-17:00; or 24/7")
            }
            let days = try weekdays(String(daysWord))
            for rangeWord in words.dropFirst() {
                let (opens, closes) = try range(String(rangeWord))
                for day in days {
                    if opens < closes {
                        weekly[day, default: []].append(Interval(opens: opens, closes: closes))
                    } else {
                        weekly[day, default: []].append(Interval(opens: opens, closes: 1440))
                        if closes > 0 { weekly[day.next, default: []].append(Interval(opens: 0, closes: closes)) }
                    }
                }
            }
        }
        guard !weekly.isEmpty else { throw SettingTextError(reason: "names no opening hours; use 24/7 for around the clock") }
        return weekly
    }

    /// Reads closed days as `yyyy-MM-dd`, separated by commas or spaces; the empty text is none.
    public static func holidays(parsing text: String) throws(SettingTextError) -> Set<String> {
        var days: Set<String> = []
        for word in text.split(whereSeparator: { $0 == "," || $0.isWhitespace }) {
            let parts = word.split(separator: "-")
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let month = Int(parts[1]), let day = Int(parts[2]), Int(parts[0]) != nil,
                (1...12).contains(month), (1...31).contains(day)
            else { throw SettingTextError(reason: "has \(word), not a date such as 2026-12-24") }
            days.insert(String(word))
        }
        return days
    }

    private static let dayNames: [String: Weekday] = [
        "mon": .monday, "tue": .tuesday, "wed": .wednesday, "thu": .thursday, "fri": .friday, "sat": .saturday, "sun": .sunday,
    ]

    /// `mon-fri`, `sat`, `mon,wed`, `fri-mon` (a range wraps round the week).
    private static func weekdays(_ word: String) throws(SettingTextError) -> [Weekday] {
        var days: [Weekday] = []
        for part in word.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map { dayNames[String($0.prefix(3))] }
            guard ends.count <= 2, let first = ends.first ?? nil, let last = ends.last ?? nil else {
                throw SettingTextError(reason: "has \(part), not days such as mon-fri, sat or mon,wed")
            }
            var day = first
            days.append(day)
            while day != last {
                day = day.next
                days.append(day)
            }
        }
        return days
    }

    /// `09:00-17:00` as minutes since midnight; `24:00` is the end of the day.
    private static func range(_ word: String) throws(SettingTextError) -> (Int, Int) {
        let ends = word.split(separator: "-").compactMap { minutes(String($0)) }
        guard ends.count == 2, ends[0] < 1440, ends[0] != ends[1] else {
            throw SettingTextError(reason: "has \(word), not hours such as 09:00-17:00")
        }
        return (ends[0], ends[1])
    }

    static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
            (0...59).contains(minute), (0...23).contains(hour) || (hour == 24 && minute == 0)
        else { return nil }
        return hour * 60 + minute
    }
}

extension BusinessHours.Weekday {
    /// The day after, Sunday to Monday.
    var next: Self {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

extension BusinessHours {
    /// The settings the hours are read from.
    public static let settingKeys = [ShopSetting.Key.inboxBusinessHours, .inboxHolidays].map(\.rawValue)

    /// The hours a shop's settings describe: `inbox.business_hours` less `inbox.holidays`, in the
    /// shop's time zone. Settings are validated when set; hours that still cannot be read count as
    /// around the clock, so nothing waits on a typo.
    public init(settings: [String: String], timeZone: String) {
        let weekly = (try? Self.weekly(parsing: settings[.inboxBusinessHours] ?? "24/7")) ?? [:]
        let holidays = (try? Self.holidays(parsing: settings[.inboxHolidays] ?? "")) ?? []
        self.init(timeZone: timeZone, weekly: weekly, holidays: holidays)
    }
}

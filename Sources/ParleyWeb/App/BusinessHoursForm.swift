import Foundation
import ParleyCore

/// The settings screen's week of opening hours and its closed days, as form fields, and back to the
/// text the shop setting holds (`mon-fri 09:00-17:00; sat 10:00-14:00`, `2026-12-24, 2026-12-25`).
///
/// The grid holds one range a day, as most shops keep; hours it cannot show (two ranges in a day, a
/// night past midnight) stay editable as text below it, and text changed there wins over the grid.
struct BusinessHoursForm {
    struct Day {
        let id: String
        let name: String
        let open: Bool
        let from: String
        let to: String
    }

    struct ClosedDay {
        let name: String
        let value: String
    }

    let always: Bool
    let days: [Day]
    /// False when the stored hours say more than one range a day can.
    let fitsGrid: Bool
    let closedDays: [ClosedDay]

    static let dayIDs = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let weekdays: [BusinessHours.Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
    /// Empty date fields offered after the stored closed days, to add more.
    static let spareClosedDays = 3

    init(hours: String, holidays: String, language: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.locale = Locale(identifier: language)
        // Sunday first in Foundation; the week here starts on Monday.
        let symbols = calendar.shortStandaloneWeekdaySymbols
        let names = Array(symbols.dropFirst()) + [symbols[0]]
        let trimmed = hours.trimmingCharacters(in: .whitespaces)
        let weekly = (try? BusinessHours.weekly(parsing: trimmed.isEmpty ? "24/7" : trimmed)) ?? [:]
        let always = weekly.isEmpty
        self.always = always
        fitsGrid = weekly.values.allSatisfy { $0.count <= 1 }
        days = Self.weekdays.enumerated().map { index, weekday in
            let range = weekly[weekday]?.first
            return Day(
                id: Self.dayIDs[index], name: names[index], open: always ? index < 5 : range != nil,
                from: Self.clock(range?.opens ?? 540), to: Self.clock(range?.closes ?? 1020))
        }
        let stored = ((try? BusinessHours.holidays(parsing: holidays)) ?? []).sorted()
        closedDays = (stored + Array(repeating: "", count: Self.spareClosedDays)).enumerated().map {
            ClosedDay(name: "closed_\($0.offset)", value: $0.element)
        }
    }

    /// The hours the grid in `form` says, as the setting's text; nil when the form held no grid.
    static func hours(from form: [String: String]) -> String? {
        guard form["hours_grid"] == "1" else { return nil }
        if form["hours_always"] == "on" { return "24/7" }
        var groups: [(days: [String], range: String)] = []
        for id in dayIDs where form["hours_\(id)_open"] == "on" {
            guard let from = form["hours_\(id)_from"], let to = form["hours_\(id)_to"], !from.isEmpty, !to.isEmpty else { continue }
            let range = "\(from)-\(to)"
            // Neighbouring days with the same hours read as one range: mon-fri.
            if let last = groups.last, last.range == range, let previous = last.days.last,
                dayIDs.firstIndex(of: previous).map({ $0 + 1 }) == dayIDs.firstIndex(of: id)
            {
                groups[groups.count - 1].days.append(id)
            } else {
                groups.append(([id], range))
            }
        }
        // A week with no open day is refused by the setting's own check, with its hint, rather than read as "always".
        guard !groups.isEmpty else { return "closed" }
        return groups.map { group in
            let days = group.days.count == 1 ? group.days[0] : "\(group.days[0])-\(group.days[group.days.count - 1])"
            return "\(days) \(group.range)"
        }.joined(separator: "; ")
    }

    /// The closed days in `form`'s date fields, as the setting's text; nil when the form held none.
    static func holidays(from form: [String: String]) -> String? {
        let fields = form.keys.filter { $0.hasPrefix("closed_") }
        guard !fields.isEmpty else { return nil }
        return Set(fields.compactMap { form[$0] }.filter { !$0.isEmpty }).sorted().joined(separator: ", ")
    }

    private static func clock(_ minutes: Int) -> String {
        String(format: "%02d:%02d", minutes / 60 % 24, minutes % 60)
    }
}

import Foundation

/// When a shop answers: weekly opening intervals in local time, closed holidays, in one IANA time zone.
///
/// All arithmetic goes through `Calendar` in that zone, so "09:00" is 09:00 on both sides of a
/// daylight-saving change and a day is as long as it really is (23 or 25 hours on the change days).
/// An empty ``weekly`` means open around the clock (holidays still close); a day missing from a
/// non-empty ``weekly`` is closed. An unknown time zone id counts as UTC (settings validate it).
///
/// ```swift
/// let warsaw = BusinessHours(timeZone: "Europe/Warsaw", weekly: BusinessHours.weekdays(.hours(9, 17)), holidays: ["2025-12-25"])
/// warsaw.adding(3600, to: fridayAt1630)  // Monday 09:30
/// ```
public struct BusinessHours: Sendable, Equatable, Codable {
    /// A day of the week; `Calendar`'s weekday number is ``calendarWeekday``.
    public enum Weekday: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
        case monday, tuesday, wednesday, thursday, friday, saturday, sunday

        /// `Calendar`'s numbering: Sunday is 1.
        public var calendarWeekday: Int {
            switch self {
            case .sunday: return 1
            case .monday: return 2
            case .tuesday: return 3
            case .wednesday: return 4
            case .thursday: return 5
            case .friday: return 6
            case .saturday: return 7
            }
        }
    }

    /// Open from ``opens`` up to, not including, ``closes``; both in minutes since local midnight.
    /// A night shift over midnight is two intervals, one on each day.
    public struct Interval: Sendable, Equatable, Hashable, Codable {
        /// 0 ..< 1440.
        public var opens: Int
        /// opens < closes ≤ 1440; 1440 is midnight at the end of the day.
        public var closes: Int

        /// An interval in minutes since midnight; an empty or inverted one is never open.
        public init(opens: Int, closes: Int) {
            self.opens = opens
            self.closes = closes
        }

        /// Whole hours: `.hours(9, 17)` is 09:00–17:00.
        public static func hours(_ opens: Int, _ closes: Int) -> Interval {
            Interval(opens: opens * 60, closes: closes * 60)
        }
    }

    /// An IANA time zone id, such as `Europe/Warsaw`.
    public var timeZone: String
    /// Opening intervals per weekday; empty means around the clock.
    public var weekly: [Weekday: [Interval]]
    /// Local dates (`yyyy-MM-dd`) closed all day.
    public var holidays: Set<String>

    /// Business hours in `timeZone`.
    public init(timeZone: String, weekly: [Weekday: [Interval]], holidays: Set<String> = []) {
        self.timeZone = timeZone
        self.weekly = weekly
        self.holidays = holidays
    }

    /// Open around the clock, every day.
    public static let alwaysOpen = BusinessHours(timeZone: "UTC", weekly: [:])

    /// The same intervals Monday to Friday.
    public static func weekdays(_ intervals: Interval...) -> [Weekday: [Interval]] {
        Dictionary(uniqueKeysWithValues: [Weekday.monday, .tuesday, .wednesday, .thursday, .friday].map { ($0, intervals) })
    }

    /// Whether the shop is open at `instant`.
    public func isOpen(at instant: Date) -> Bool {
        let calendar = calendar
        return openIntervals(onDayOf: instant, calendar: calendar).contains { $0.start <= instant && instant < $0.end }
    }

    /// The instant `duration` of business time after `start`: nights, closed days and holidays do not
    /// count. A deadline that ends exactly at closing time is that closing time, not the next opening.
    /// `Date.distantFuture` when the hours never open again (within ten years).
    public func adding(_ duration: TimeInterval, to start: Date) -> Date {
        guard duration > 0 else { return start }
        if isAroundTheClock { return start.addingTimeInterval(duration) }
        let calendar = calendar
        var remaining = duration
        var day = calendar.startOfDay(for: start)
        for _ in 0..<Self.searchDays {
            for interval in openIntervals(onDayStarting: day, calendar: calendar) where interval.end > start {
                let from = max(interval.start, start)
                let available = interval.end.timeIntervalSince(from)
                if remaining <= available { return from.addingTimeInterval(remaining) }
                remaining -= available
            }
            day = nextDay(after: day, calendar: calendar)
        }
        return .distantFuture
    }

    /// The business time between two instants; 0 when `end` is not after `start`.
    public func businessTime(from start: Date, to end: Date) -> TimeInterval {
        guard end > start else { return 0 }
        if isAroundTheClock { return end.timeIntervalSince(start) }
        let calendar = calendar
        var total: TimeInterval = 0
        var day = calendar.startOfDay(for: start)
        while day < end {
            for interval in openIntervals(onDayStarting: day, calendar: calendar) {
                let from = max(interval.start, start)
                let until = min(interval.end, end)
                if until > from { total += until.timeIntervalSince(from) }
            }
            day = nextDay(after: day, calendar: calendar)
        }
        return total
    }

    /// The open intervals of the `days` local days starting with the day of `instant`, in order.
    public func openIntervals(from instant: Date, days: Int) -> [DateInterval] {
        let calendar = calendar
        var day = calendar.startOfDay(for: instant)
        var intervals: [DateInterval] = []
        for _ in 0..<max(0, days) {
            intervals += openIntervals(onDayStarting: day, calendar: calendar)
            day = nextDay(after: day, calendar: calendar)
        }
        return intervals
    }

    /// Ten years of days: past that, hours that never open are treated as never.
    private static let searchDays = 3660

    private var isAroundTheClock: Bool { weekly.isEmpty && holidays.isEmpty }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }

    private func openIntervals(onDayOf instant: Date, calendar: Calendar) -> [DateInterval] {
        openIntervals(onDayStarting: calendar.startOfDay(for: instant), calendar: calendar)
    }

    /// The day's open intervals as instants, sorted and merged.
    private func openIntervals(onDayStarting day: Date, calendar: Calendar) -> [DateInterval] {
        let date = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
        guard let year = date.year, let month = date.month, let dayOfMonth = date.day, let weekday = date.weekday else { return [] }
        let key = String(format: "%04d-%02d-%02d", year, month, dayOfMonth)
        if holidays.contains(key) { return [] }
        let intervals: [Interval]
        if weekly.isEmpty {
            intervals = [Interval(opens: 0, closes: 1440)]
        } else {
            intervals = Weekday.allCases.first { $0.calendarWeekday == weekday }.flatMap { weekly[$0] } ?? []
        }
        let next = nextDay(after: day, calendar: calendar)
        func instant(_ minute: Int) -> Date {
            if minute >= 1440 { return next }
            if minute <= 0 { return day }
            var components = DateComponents(year: year, month: month, day: dayOfMonth, hour: minute / 60, minute: minute % 60)
            components.timeZone = calendar.timeZone
            // A time skipped by a spring-forward change resolves to just after it; clamping keeps it in the day.
            return min(max(calendar.date(from: components) ?? day, day), next)
        }
        var merged: [DateInterval] = []
        let spans = intervals.filter { $0.opens < $0.closes }.map { (instant($0.opens), instant($0.closes)) }.sorted { $0.0 < $1.0 }
        for (start, end) in spans where end > start {
            if let last = merged.last, start <= last.end {
                merged[merged.count - 1] = DateInterval(start: last.start, end: max(last.end, end))
            } else {
                merged.append(DateInterval(start: start, end: end))
            }
        }
        return merged
    }

    private func nextDay(after day: Date, calendar: Calendar) -> Date {
        let later = calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86400)
        return calendar.startOfDay(for: later)
    }
}

import Foundation
import ParleyCore
import ParleyServices

/// Dates, durations and numbers as one agent reads them: in their language and time zone.
struct AgentFormat: Sendable {
    let language: String
    let timeZone: TimeZone
    let now: Date

    private var locale: Locale { Locale(identifier: language) }

    /// "5 min ago", "3 dni temu".
    func relative(_ date: Date) -> String {
        guard abs(date.timeIntervalSince(now)) >= 60 else {
            var style = Date.RelativeFormatStyle(presentation: .named, unitsStyle: .wide)
            style.locale = locale
            return now.formatted(style)
        }
        // Anchored to `now`, the clock the page was made with: the plain style counts from the
        // system's time, which a test's clock (or a page rendered for a past moment) is not.
        var style = Date.AnchoredRelativeFormatStyle(anchor: date, presentation: .numeric, unitsStyle: .abbreviated)
        style.locale = locale
        style.calendar.timeZone = timeZone
        return now.formatted(style)
    }

    /// "6 Dec 2026, 05:13" in the agent's zone.
    func exact(_ date: Date) -> String {
        var style = Date.FormatStyle(date: .abbreviated, time: .shortened)
        style.locale = locale
        style.timeZone = timeZone
        return date.formatted(style)
    }

    /// "Tue 24 Nov, 09:00–09:30", in `zone` (the agent's own when nil).
    func window(_ interval: DateInterval, in zone: TimeZone? = nil) -> String {
        CallbackRequests.label(interval, zone: zone ?? timeZone, language: language)
    }

    /// The time of day now in `zone`, for "local time" of a customer.
    func clock(in zone: TimeZone) -> String {
        var style = Date.FormatStyle(date: .omitted, time: .shortened)
        style.locale = locale
        style.timeZone = zone
        return now.formatted(style)
    }

    /// "1 h 12 min", to the minute, at least one minute.
    func duration(_ seconds: TimeInterval) -> String {
        let minutes = max(1, Int((abs(seconds) / 60).rounded(.up)))
        let allowed: Set<Duration.UnitsFormatStyle.Unit> = minutes >= 24 * 60 ? [.days, .hours] : [.hours, .minutes]
        return Duration.seconds(minutes * 60).formatted(.units(allowed: allowed, width: .abbreviated).locale(locale))
    }

    /// "4,99 zł", "£45.99".
    func money(minor: Int64, currency: String) -> String {
        Currency.formatted(minor, code: currency, locale: language)
    }

    /// "12 345".
    /// A `datetime-local` field's value (`2026-12-08T09:30`) as the moment it names in the agent's zone.
    func moment(_ local: String) -> Date? {
        let parser = DateFormatter()
        parser.locale = Locale(identifier: "en_US_POSIX")
        parser.timeZone = timeZone
        parser.dateFormat = local.count > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm"
        return parser.date(from: local)
    }

    /// The moment as a `datetime-local` field's value in the agent's zone.
    func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    func number(_ value: Int) -> String { value.formatted(.number.locale(locale)) }

    /// `part` of `whole` as a whole percentage in the agent's language (`40 %`, `40%`).
    func percent(_ part: Int, of whole: Int) -> String {
        (Double(part) / Double(max(whole, 1))).formatted(.percent.precision(.fractionLength(0)).locale(locale))
    }

    /// "2.4 MB".
    func bytes(_ count: Int64) -> String { count.formatted(.byteCount(style: .file).locale(locale)) }
}

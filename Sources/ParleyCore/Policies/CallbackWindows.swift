import Foundation

/// The times a shop offers to call a customer back: whole windows inside its business hours, on
/// the hour or half past in the shop's time zone, far enough ahead for an agent to see the request.
public struct CallbackWindows: Sendable, Equatable {
    /// How long each window is.
    public var length: TimeInterval = 1800
    /// The soonest a window may start after the request.
    public var lead: TimeInterval = 900
    /// How many days ahead are offered.
    public var days = 7
    /// The most windows offered: a picker of weeks of half-hours helps nobody.
    public var limit = 48

    public init() {}

    /// The windows offered at `now` under `hours`, soonest first.
    public func offered(hours: BusinessHours, now: Date) -> [DateInterval] {
        var windows: [DateInterval] = []
        for open in hours.openIntervals(from: now, days: days) {
            // Windows start on a multiple of `length` from the opening, which sits on the hour or half hour.
            var start = open.start
            while start.addingTimeInterval(length) <= open.end {
                if start >= now.addingTimeInterval(lead) {
                    windows.append(DateInterval(start: start, duration: length))
                    if windows.count == limit { return windows }
                }
                start = start.addingTimeInterval(length)
            }
        }
        return windows
    }

    /// Whether `start` begins a window offered at `now`: what a request must pick.
    public func isOffered(_ start: Date, hours: BusinessHours, now: Date) -> Bool {
        offered(hours: hours, now: now).contains { $0.start == start }
    }
}

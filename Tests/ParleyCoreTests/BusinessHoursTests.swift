import Foundation
import ParleyCore
import Testing

@Suite("Business hours")
struct BusinessHoursTests {
    /// Kubki in Warsaw: Monday to Friday 9–17, closed on Christmas.
    static let warsaw = BusinessHours(
        timeZone: "Europe/Warsaw", weekly: BusinessHours.weekdays(.hours(9, 17)), holidays: ["2025-12-25", "2025-12-26"])

    /// An instant written with its UTC offset, so expectations do not go through the code under test.
    static func at(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text) else { fatalError("bad date \(text)") }
        return date
    }

    static let hour: TimeInterval = 3600

    @Test("an hour from Friday 16:30 is Monday 09:30, in winter and across both DST weekends")
    func overTheWeekend() {
        let w = Self.warsaw
        #expect(w.adding(Self.hour, to: Self.at("2025-01-10T16:30:00+01:00")) == Self.at("2025-01-13T09:30:00+01:00"))
        // Clocks go forward on Sunday 30 March 2025: Monday 09:30 is already summer time.
        #expect(w.adding(Self.hour, to: Self.at("2025-03-28T16:30:00+01:00")) == Self.at("2025-03-31T09:30:00+02:00"))
        // And back on Sunday 26 October 2025.
        #expect(w.adding(Self.hour, to: Self.at("2025-10-24T16:30:00+02:00")) == Self.at("2025-10-27T09:30:00+01:00"))
        #expect(w.businessTime(from: Self.at("2025-03-28T16:00:00+01:00"), to: Self.at("2025-03-31T10:00:00+02:00")) == 2 * Self.hour)
    }

    @Test("nights, mornings and closing time")
    func withinTheWeek() {
        let w = Self.warsaw
        #expect(w.adding(Self.hour, to: Self.at("2025-01-14T20:00:00+01:00")) == Self.at("2025-01-15T10:00:00+01:00"))
        #expect(w.adding(Self.hour, to: Self.at("2025-01-14T03:00:00+01:00")) == Self.at("2025-01-14T10:00:00+01:00"))
        // A deadline that ends exactly at closing time stays there.
        #expect(w.adding(Self.hour, to: Self.at("2025-01-14T16:00:00+01:00")) == Self.at("2025-01-14T17:00:00+01:00"))
        #expect(w.adding(Self.hour + 1, to: Self.at("2025-01-14T16:00:00+01:00")) == Self.at("2025-01-15T09:00:01+01:00"))
        // Sixteen business hours from Monday morning end Tuesday at closing time.
        #expect(w.adding(16 * Self.hour, to: Self.at("2025-01-13T09:00:00+01:00")) == Self.at("2025-01-14T17:00:00+01:00"))
        #expect(w.adding(0, to: Self.at("2025-01-11T12:00:00+01:00")) == Self.at("2025-01-11T12:00:00+01:00"))
    }

    @Test("holidays are closed all day")
    func holidays() {
        // Wednesday 24 December; Thursday and Friday are holidays, then the weekend.
        #expect(Self.warsaw.adding(Self.hour, to: Self.at("2025-12-24T16:30:00+01:00")) == Self.at("2025-12-29T09:30:00+01:00"))
        #expect(!Self.warsaw.isOpen(at: Self.at("2025-12-25T12:00:00+01:00")))
        #expect(
            Self.warsaw.businessTime(from: Self.at("2025-12-24T00:00:00+01:00"), to: Self.at("2025-12-30T00:00:00+01:00")) == 16 * Self.hour
        )
    }

    @Test("open from opening time up to, not including, closing time")
    func isOpen() {
        let w = Self.warsaw
        #expect(!w.isOpen(at: Self.at("2025-01-14T08:59:59+01:00")))
        #expect(w.isOpen(at: Self.at("2025-01-14T09:00:00+01:00")))
        #expect(w.isOpen(at: Self.at("2025-01-14T16:59:59+01:00")))
        #expect(!w.isOpen(at: Self.at("2025-01-14T17:00:00+01:00")))
        #expect(!w.isOpen(at: Self.at("2025-01-11T12:00:00+01:00")))
        // 09:00 in summer is 07:00 UTC.
        #expect(w.isOpen(at: Self.at("2025-07-01T07:00:00Z")))
        #expect(!w.isOpen(at: Self.at("2025-07-01T06:59:59Z")))
    }

    @Test("a lunch break and a night shift over midnight")
    func splitIntervals() {
        let lunch = BusinessHours(timeZone: "Europe/Warsaw", weekly: BusinessHours.weekdays(.hours(9, 12), .hours(13, 17)))
        #expect(lunch.adding(Self.hour, to: Self.at("2025-01-14T11:30:00+01:00")) == Self.at("2025-01-14T13:30:00+01:00"))
        #expect(lunch.businessTime(from: Self.at("2025-01-14T00:00:00+01:00"), to: Self.at("2025-01-15T00:00:00+01:00")) == 7 * Self.hour)
        let night = BusinessHours(
            timeZone: "Europe/Warsaw", weekly: [.monday: [.init(opens: 22 * 60, closes: 1440)], .tuesday: [.hours(0, 2)]])
        #expect(night.adding(Self.hour, to: Self.at("2025-01-13T23:30:00+01:00")) == Self.at("2025-01-14T00:30:00+01:00"))
        // Overlapping intervals count once.
        let overlapping = BusinessHours(timeZone: "UTC", weekly: [.monday: [.hours(9, 12), .hours(10, 14), .hours(11, 11)]])
        #expect(overlapping.businessTime(from: Self.at("2025-01-13T00:00:00Z"), to: Self.at("2025-01-14T00:00:00Z")) == 5 * Self.hour)
    }

    @Test("around the clock: DST days are 23 and 25 hours long, holidays still close")
    func aroundTheClock() {
        #expect(BusinessHours.alwaysOpen.adding(90, to: Self.at("2025-01-11T12:00:00Z")) == Self.at("2025-01-11T12:01:30Z"))
        let allDay = BusinessHours(timeZone: "Europe/Warsaw", weekly: [:], holidays: ["2025-12-25"])
        #expect(allDay.businessTime(from: Self.at("2025-03-30T00:00:00+01:00"), to: Self.at("2025-03-31T00:00:00+02:00")) == 23 * Self.hour)
        #expect(allDay.businessTime(from: Self.at("2025-10-26T00:00:00+02:00"), to: Self.at("2025-10-27T00:00:00+01:00")) == 25 * Self.hour)
        #expect(allDay.adding(3 * Self.hour, to: Self.at("2025-03-30T00:30:00+01:00")) == Self.at("2025-03-30T04:30:00+02:00"))
        #expect(allDay.adding(Self.hour, to: Self.at("2025-12-24T23:30:00+01:00")) == Self.at("2025-12-26T00:30:00+01:00"))
        #expect(!allDay.isOpen(at: Self.at("2025-12-25T12:00:00+01:00")))
    }

    @Test("business time back and forth agree", arguments: [0.5, 1, 7.5, 8, 9, 40, 100])
    func inverse(hours: Double) {
        let starts = ["2025-01-10T16:30:00+01:00", "2025-03-29T12:00:00+01:00", "2025-10-26T02:30:00+01:00", "2025-12-24T08:00:00+01:00"]
        for start in starts.map(Self.at) {
            let end = Self.warsaw.adding(hours * Self.hour, to: start)
            #expect(Self.warsaw.businessTime(from: start, to: end) == hours * Self.hour)
            #expect(Self.warsaw.businessTime(from: end, to: start) == 0)
        }
    }

    @Test("hours that never open give no deadline; an unknown zone counts as UTC")
    func degenerate() {
        let closed = BusinessHours(timeZone: "Europe/Warsaw", weekly: [.monday: [], .tuesday: [.init(opens: 600, closes: 600)]])
        #expect(closed.adding(60, to: Self.at("2025-01-10T16:30:00+01:00")) == .distantFuture)
        #expect(closed.businessTime(from: Self.at("2025-01-01T00:00:00Z"), to: Self.at("2025-02-01T00:00:00Z")) == 0)
        let nowhere = BusinessHours(timeZone: "Mars/Olympus", weekly: BusinessHours.weekdays(.hours(9, 17)))
        #expect(nowhere.adding(Self.hour, to: Self.at("2025-01-14T08:00:00Z")) == Self.at("2025-01-14T10:00:00Z"))
    }

    @Test("stored as readable JSON and read back")
    func codable() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(Self.warsaw)
        #expect(String(decoding: data, as: UTF8.self).contains("\"monday\":[{\"closes\":1020,\"opens\":540}]"))
        #expect(try JSONDecoder().decode(BusinessHours.self, from: data) == Self.warsaw)
    }
}

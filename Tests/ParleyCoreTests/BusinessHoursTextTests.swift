import ParleyCore
import Testing

@Suite("Business hours as settings write them")
struct BusinessHoursTextTests {
    @Test("day groups, day lists, several ranges a day and around the clock")
    func weekly() throws {
        let hours = try BusinessHours.weekly(parsing: "Mon-Fri 09:00-17:00; sat 10:00-14:00")
        #expect(hours[.monday] == [.hours(9, 17)] && hours[.friday] == [.hours(9, 17)])
        #expect(hours[.saturday] == [.hours(10, 14)] && hours[.sunday] == nil)
        let split = try BusinessHours.weekly(parsing: "mon,wed 08:00-12:00 13:00-16:30")
        #expect(split[.wednesday] == [.hours(8, 12), BusinessHours.Interval(opens: 13 * 60, closes: 16 * 60 + 30)])
        #expect(split[.tuesday] == nil)
        #expect(try BusinessHours.weekly(parsing: " 24/7 ").isEmpty)
        #expect(try BusinessHours.weekly(parsing: "sun 00:00-24:00")[.sunday] == [.hours(0, 24)])
    }

    @Test("a night shift runs past midnight and a day range wraps round the week")
    func nightShift() throws {
        let hours = try BusinessHours.weekly(parsing: "sat-sun 22:00-06:00")
        #expect(hours[.saturday] == [.hours(22, 24)])
        #expect(hours[.sunday] == [.hours(0, 6), .hours(22, 24)])
        #expect(hours[.monday] == [.hours(0, 6)])
    }

    @Test(
        "unreadable hours say what is wrong",
        arguments: [
            ("weekdays 9-5", "weekdays"), ("mon-fri", "needs days and hours"), ("mon-fri 09:00-25:00", "09:00-25:00"),
            ("mon-fri 09:00-09:00", "09:00-09:00"), ("", "names no opening hours"), ("mon 9:5-10:00", "9:5-10:00"),
        ])
    func refused(text: String, reason: String) {
        #expect(throws: SettingTextError.self) { try BusinessHours.weekly(parsing: text) }
        do {
            _ = try BusinessHours.weekly(parsing: text)
        } catch {
            #expect(error.reason.contains(reason))
        }
    }

    @Test("holidays are dates separated by commas or spaces")
    func holidays() throws {
        #expect(try BusinessHours.holidays(parsing: "2026-12-24, 2026-12-25 2027-01-01") == ["2026-12-24", "2026-12-25", "2027-01-01"])
        #expect(try BusinessHours.holidays(parsing: "").isEmpty)
        do {
            _ = try BusinessHours.holidays(parsing: "24.12.2026")
            Issue.record("a date in another format was read")
        } catch {
            #expect(error.reason == "has 24.12.2026, not a date such as 2026-12-24")
        }
    }

    @Test("a shop's settings make its policy in its time zone; no target, no policy")
    func policy() {
        let policy = SLAPolicy(
            settings: ["sla.first_response": "4h", "inbox.business_hours": "mon-fri 09:00-17:00", "inbox.holidays": "2026-12-24"],
            timeZone: "Europe/Warsaw")
        #expect(policy?.firstResponse == 4 * 3600 && policy?.nextResponse == nil)
        #expect(policy?.businessHours.timeZone == "Europe/Warsaw" && policy?.businessHours.holidays == ["2026-12-24"])
        #expect(SLAPolicy(settings: ["inbox.business_hours": "mon-fri 09:00-17:00"], timeZone: "UTC") == nil)
        #expect(SLAPolicy(settings: ["sla.resolution": "2d"], timeZone: "UTC")?.businessHours.weekly.isEmpty == true)
    }
}

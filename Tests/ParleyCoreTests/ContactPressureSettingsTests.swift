import Foundation
import ParleyCore
import Testing

@Suite("Contact pressure settings")
struct ContactPressureSettingsTests {
    @Test("caps read as 2/day, 5/week; none is no cap; mistakes say what to write")
    func caps() throws {
        #expect(try ContactPressure.caps(parsing: "2/day, 5/week") == [.init(2, per: .day), .init(5, per: .week)])
        #expect(try ContactPressure.caps(parsing: " 3/Month ") == [.init(3, per: .month)])
        #expect(try ContactPressure.caps(parsing: "none") == [])
        for bad in ["", "2", "two/day", "0/day", "2/fortnight", "2/day, 3/day", "2/day/week"] {
            #expect(throws: SettingTextError.self, "\(bad)") { try ContactPressure.caps(parsing: bad) }
        }
        #expect(
            ShopSetting.named("pressure.email_caps")?.problem(with: "2/fortnight")
                == "has 2/fortnight, not a cap such as 2/day, 5/week or 3/month")
        #expect(ShopSetting.named("pressure.sms_caps")?.problem(with: "1/week, 3/month") == nil)
    }

    @Test("quiet hours read as a local range, over midnight or not; off is none")
    func quietHours() throws {
        #expect(try ContactPressure.quietHours(parsing: "21:00-08:00") == .init(start: 1260, end: 480))
        #expect(try ContactPressure.quietHours(parsing: "13:00-14:30") == .init(start: 780, end: 870))
        #expect(try ContactPressure.quietHours(parsing: "off") == nil)
        for bad in ["21-8", "21:00-21:00", "25:00-08:00", "21:00", "night"] {
            #expect(throws: SettingTextError.self, "\(bad)") { try ContactPressure.quietHours(parsing: bad) }
        }
        #expect(ShopSetting.named("pressure.quiet_hours")?.problem(with: "night") == "is not a time range such as 21:00-08:00, or off")
    }

    @Test("a shop's settings make the budget; unset or unreadable ones keep their defaults")
    func fromSettings() {
        let defaults = ContactPressure(settings: [:])
        #expect(defaults.caps[.email] == [.init(2, per: .day), .init(5, per: .week)])
        #expect(defaults.caps[.sms] == [.init(1, per: .week), .init(3, per: .month)])
        #expect(defaults.minimumGap == 7200)
        #expect(defaults.afterOrderUpdate == 86400)
        #expect(defaults.holdDuringSupport)
        #expect(defaults.quietHours == .init(start: 1260, end: 480))
        let shop = ContactPressure(settings: [
            "pressure.email_caps": "1/week", "pressure.sms_caps": "none", "pressure.minimum_gap": "30m",
            "pressure.after_order_update": "12h", "pressure.quiet_hours": "off", "pressure.hold_during_support": "off",
        ])
        #expect(shop.caps[.email] == [.init(1, per: .week)])
        #expect(shop.caps[.sms] == [])
        #expect(shop.minimumGap == 1800)
        #expect(shop.afterOrderUpdate == 43200)
        #expect(!shop.holdDuringSupport)
        #expect(shop.quietHours == nil)
        let typo = ContactPressure(settings: ["pressure.email_caps": "lots", "pressure.quiet_hours": "night"])
        #expect(typo.caps[.email] == defaults.caps[.email])
        #expect(typo.quietHours == defaults.quietHours)
    }

    @Test("a customer's clock: their own zone, else their phone's country's, else the shop's")
    func zones() {
        #expect(
            ContactPressure.timeZone(customer: "Asia/Kolkata", phone: "+48601234567", shop: "Europe/Warsaw").identifier == "Asia/Kolkata")
        #expect(ContactPressure.timeZone(customer: nil, phone: "+91 98765 43210", shop: "Europe/Warsaw").identifier == "Asia/Kolkata")
        #expect(
            ContactPressure.timeZone(customer: "Mars/Olympus", phone: "0030 691 234 5678", shop: "Europe/Warsaw").identifier
                == "Europe/Athens")
        #expect(ContactPressure.timeZone(customer: nil, phone: "601 234 567", shop: "Europe/Warsaw").identifier == "Europe/Warsaw")
        #expect(ContactPressure.timeZone(customer: nil, phone: "+999 1234", shop: "Europe/Warsaw").identifier == "Europe/Warsaw")
        #expect(ContactPressure.timeZone(customer: nil, phone: nil, shop: "nowhere") == .gmt)
    }

    @Test("calling codes of the five languages' countries and the big multi-zone ones")
    func callingCodes() {
        #expect(PhoneTimeZone.zone(of: "+48 601 234 567") == "Europe/Warsaw")
        #expect(PhoneTimeZone.zone(of: "+30 691 234 5678") == "Europe/Athens")
        #expect(PhoneTimeZone.zone(of: "+7 912 345-67-89") == "Europe/Moscow")
        #expect(PhoneTimeZone.zone(of: "+91 98765 43210") == "Asia/Kolkata")
        #expect(PhoneTimeZone.zone(of: "+44 7700 900123") == "Europe/London")
        #expect(PhoneTimeZone.zone(of: "+1 212 555 0100") == "America/New_York")
        #expect(PhoneTimeZone.zone(of: "+420 601 123 456") == "Europe/Prague")
        #expect(PhoneTimeZone.zone(of: "+") == nil)
    }
}

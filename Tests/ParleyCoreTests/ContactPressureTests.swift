import Foundation
import ParleyCore
import ParleyTestSupport
import Testing

@Suite("Contact pressure")
struct ContactPressureTests {
    /// The shop defaults: 2 emails a day and 5 a week, 1 text a week and 3 a month, 2 hours apart,
    /// a day after an order update, quiet 21:00–08:00.
    let budget = ContactPressure(settings: [:])
    let warsaw = TimeZone(identifier: "Europe/Warsaw")!
    let kolkata = TimeZone(identifier: "Asia/Kolkata")!

    /// `2026-06-10 14:00` read in `zone`.
    func at(_ text: String, _ zone: TimeZone) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = text.count > 16 ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    func customer(_ zone: TimeZone, consent: Set<Channel> = [.email, .sms], open: Bool = false, sent: [ContactPressure.Sent] = [])
        -> ContactPressure.Recipient
    {
        ContactPressure.Recipient(marketingConsent: consent, timeZone: zone, hasOpenSupportConversation: open, sent: sent)
    }

    let marketingEmail = ContactPressure.Message(channel: .email, kind: .marketing)

    @Test("marketing goes at once to a customer who consented and heard nothing lately, in the day")
    func sendsWhenFree() {
        #expect(budget.decide(marketingEmail, for: customer(warsaw), at: at("2026-06-10 14:00", warsaw)) == .send)
    }

    @Test("marketing is refused without marketing consent on its channel, whatever else holds")
    func consent() {
        let emailOnly = customer(warsaw, consent: [.email])
        let sms = ContactPressure.Message(channel: .sms, kind: .marketing)
        #expect(budget.decide(sms, for: emailOnly, at: at("2026-06-10 14:00", warsaw)) == .refuse(because: .noMarketingConsent))
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, consent: []), at: at("2026-06-10 23:00", warsaw))
                == .refuse(because: .noMarketingConsent))
        // Transactional messages need no marketing consent.
        let update = ContactPressure.Message(channel: .sms, kind: .orderUpdate)
        #expect(budget.decide(update, for: customer(warsaw, consent: []), at: at("2026-06-10 14:00", warsaw)) == .send)
    }

    @Test("a kind of marketing the customer turned off is refused; the other kinds and order updates still go")
    func topics() {
        var noReminders = customer(warsaw)
        noReminders.preferences = ContactPreferences(topicsOff: [.reminders])
        let noon = at("2026-06-10 14:00", warsaw)
        let cart = ContactPressure.Message(
            channel: .email, kind: .marketing, topic: ContactPreferences.Topic(messageTopic: "marketing.abandoned_cart"))
        #expect(budget.decide(cart, for: noReminders, at: noon) == .refuse(because: .topicOff))
        let campaign = ContactPressure.Message(
            channel: .email, kind: .marketing, topic: ContactPreferences.Topic(messageTopic: "marketing.campaign"))
        #expect(budget.decide(campaign, for: noReminders, at: noon) == .send)
        #expect(budget.decide(ContactPressure.Message(channel: .email, kind: .orderUpdate), for: noReminders, at: noon) == .send)
        #expect(ContactPreferences.Topic(messageTopic: "marketing.replenishment") == .tips)
        #expect(ContactPreferences.Topic(messageTopic: "order.shipped") == nil)
        #expect(ContactPressure.Reason(code: ContactPressure.Reason.topicOff.code) == .topicOff)
    }

    @Test("a third marketing email in one local day waits for the next morning, the cap named first")
    func dailyCap() {
        let sent = [
            ContactPressure.Sent(at: at("2026-06-10 09:00", warsaw), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-06-10 12:00", warsaw), channel: .email, kind: .marketing),
        ]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: sent), at: at("2026-06-10 15:00", warsaw))
                == .wait(until: at("2026-06-11 08:00", warsaw), because: [.cap(.init(2, per: .day)), .quietHours]))
        // A text is another channel with a budget of its own.
        let sms = ContactPressure.Message(channel: .sms, kind: .marketing)
        #expect(budget.decide(sms, for: customer(warsaw, sent: sent), at: at("2026-06-10 15:00", warsaw)) == .send)
    }

    @Test("a capped message is sent the next morning in the customer's zone: Asia/Kolkata, not the shop's")
    func capInKolkata() {
        let sent = [
            ContactPressure.Sent(at: at("2026-06-10 08:30", kolkata), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-06-10 11:00", kolkata), channel: .email, kind: .marketing),
        ]
        // 20:00 in Kolkata is 16:30 in Warsaw; the day ends at Kolkata's midnight and the morning is Kolkata's 08:00.
        let decision = budget.decide(marketingEmail, for: customer(kolkata, sent: sent), at: at("2026-06-10 20:00", kolkata))
        #expect(decision == .wait(until: at("2026-06-11 08:00", kolkata), because: [.cap(.init(2, per: .day)), .quietHours]))
        #expect(at("2026-06-11 08:00", kolkata) == at("2026-06-11 02:30", TimeZone(identifier: "UTC")!))
    }

    @Test("a day's cap counts from local midnight: a message a minute before it belongs to the day before")
    func dayEdges() {
        let lateYesterday = [
            ContactPressure.Sent(at: at("2026-06-09 20:58", warsaw), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-06-09 23:59", warsaw), channel: .email, kind: .marketing),
        ]
        let relaxed = relaxedBudget()
        #expect(relaxed.decide(marketingEmail, for: customer(warsaw, sent: lateYesterday), at: at("2026-06-10 00:00", warsaw)) == .send)
        let atMidnight = [
            ContactPressure.Sent(at: at("2026-06-10 00:00", warsaw), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-06-10 00:30", warsaw), channel: .email, kind: .marketing),
        ]
        #expect(
            relaxed.decide(marketingEmail, for: customer(warsaw, sent: atMidnight), at: at("2026-06-10 23:59:59", warsaw))
                == .wait(until: at("2026-06-11 00:00", warsaw), because: [.cap(.init(2, per: .day))]))
    }

    @Test("a week runs Monday to Sunday in the customer's zone, and a month to its last day")
    func weekAndMonthEdges() {
        var budget = relaxedBudget()
        budget.caps[.email] = [.init(1, per: .week)]
        // Sunday 23:30 in Warsaw is still that week; Monday 00:00 starts the next.
        let sunday = [ContactPressure.Sent(at: at("2026-06-14 23:30", warsaw), channel: .email, kind: .marketing)]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: sunday), at: at("2026-06-14 23:45", warsaw))
                == .wait(until: at("2026-06-15 00:00", warsaw), because: [.cap(.init(1, per: .week))]))
        #expect(budget.decide(marketingEmail, for: customer(warsaw, sent: sunday), at: at("2026-06-15 00:00", warsaw)) == .send)
        budget.caps[.email] = [.init(1, per: .month)]
        let january = [ContactPressure.Sent(at: at("2027-01-02 10:00", warsaw), channel: .email, kind: .marketing)]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: january), at: at("2027-01-31 10:00", warsaw))
                == .wait(until: at("2027-02-01 00:00", warsaw), because: [.cap(.init(1, per: .month))]))
    }

    @Test("several caps: a full week moves past days that still have room")
    func weekOverridesDay() {
        var budget = relaxedBudget()
        budget.caps[.email] = [.init(2, per: .day), .init(3, per: .week)]
        // Monday, Tuesday and Wednesday of one week: the week is full, the day is not.
        let sent = ["2026-06-15 10:00", "2026-06-16 10:00", "2026-06-17 10:00"].map {
            ContactPressure.Sent(at: at($0, warsaw), channel: .email, kind: .marketing)
        }
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: sent), at: at("2026-06-17 15:00", warsaw))
                == .wait(until: at("2026-06-22 00:00", warsaw), because: [.cap(.init(3, per: .week))]))
    }

    @Test("across daylight-saving changes a day is 23 or 25 hours and the morning is still 08:00 local")
    func daylightSaving() {
        let sent = [
            ContactPressure.Sent(at: at("2026-03-28 09:00", warsaw), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-03-28 12:00", warsaw), channel: .email, kind: .marketing),
        ]
        // Spring forward on 29 March: 08:00 CEST is 06:00 UTC.
        let spring = budget.decide(marketingEmail, for: customer(warsaw, sent: sent), at: at("2026-03-28 18:00", warsaw))
        #expect(spring == .wait(until: at("2026-03-29 06:00", .gmt), because: [.cap(.init(2, per: .day)), .quietHours]))
        // Fall back on 25 October: 08:00 CET is 07:00 UTC.
        let autumn = [
            ContactPressure.Sent(at: at("2026-10-24 09:00", warsaw), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-10-24 12:00", warsaw), channel: .email, kind: .marketing),
        ]
        let fall = budget.decide(marketingEmail, for: customer(warsaw, sent: autumn), at: at("2026-10-24 18:00", warsaw))
        #expect(fall == .wait(until: at("2026-10-25 07:00", .gmt), because: [.cap(.init(2, per: .day)), .quietHours]))
        // On the 23-hour day the day cap's period ends at local midnight, 22:00 UTC.
        var relaxed = relaxedBudget()
        relaxed.caps[.email] = [.init(1, per: .day)]
        let one = [ContactPressure.Sent(at: at("2026-03-29 10:00", warsaw), channel: .email, kind: .marketing)]
        #expect(
            relaxed.decide(marketingEmail, for: customer(warsaw, sent: one), at: at("2026-03-29 12:00", warsaw))
                == .wait(until: at("2026-03-29 22:00", .gmt), because: [.cap(.init(1, per: .day))]))
    }

    @Test("quiet hours end at a time the clock skips come out when the clock resumes")
    func quietEndInSkippedHour() {
        var budget = relaxedBudget()
        budget.quietHours = .init(start: 60, end: 150)  // 01:00–02:30, which 29 March 2026 skips in Warsaw
        let decision = budget.decide(marketingEmail, for: customer(warsaw), at: at("2026-03-29 01:30", warsaw))
        guard case .wait(let until, let reasons) = decision else {
            Issue.record("expected a wait, got \(decision)")
            return
        }
        #expect(reasons == [.quietHours])
        #expect(until > at("2026-03-29 01:30", warsaw))
        #expect(until <= at("2026-03-29 03:30", warsaw))
        #expect(budget.decide(marketingEmail, for: customer(warsaw), at: until) == .send)
    }

    @Test("marketing keeps the minimum gap after any message, support and order updates included")
    func minimumGap() {
        let reply = [ContactPressure.Sent(at: at("2026-06-10 13:30", warsaw), channel: .email, kind: .support)]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: reply), at: at("2026-06-10 14:00", warsaw))
                == .wait(until: at("2026-06-10 15:30", warsaw), because: [.minimumGap]))
        // Across channels too: a text an hour ago holds an email.
        let text = [ContactPressure.Sent(at: at("2026-06-10 13:00", warsaw), channel: .sms, kind: .marketing)]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: text), at: at("2026-06-10 14:00", warsaw))
                == .wait(until: at("2026-06-10 15:00", warsaw), because: [.minimumGap]))
    }

    @Test("marketing stays away for a day after an order update, and quiet hours may push it further")
    func afterOrderUpdate() {
        let update = [ContactPressure.Sent(at: at("2026-06-10 09:00", warsaw), channel: .email, kind: .orderUpdate)]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: update), at: at("2026-06-10 14:00", warsaw))
                == .wait(until: at("2026-06-11 09:00", warsaw), because: [.recentOrderUpdate]))
        let lateUpdate = [ContactPressure.Sent(at: at("2026-06-10 22:30", warsaw), channel: .sms, kind: .orderUpdate)]
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, sent: lateUpdate), at: at("2026-06-10 23:00", warsaw))
                == .wait(until: at("2026-06-12 08:00", warsaw), because: [.recentOrderUpdate, .quietHours]))
    }

    @Test("an open support conversation holds marketing and asks again later; a shop may turn that off")
    func supportOpen() {
        let now = at("2026-06-10 14:00", warsaw)
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw, open: true), at: now)
                == .wait(until: now + 3600, because: [.supportConversationOpen]))
        var lenient = budget
        lenient.holdDuringSupport = false
        #expect(lenient.decide(marketingEmail, for: customer(warsaw, open: true), at: now) == .send)
    }

    @Test("support replies and order updates are never capped or held; a text about an order waits out the quiet hours")
    func transactional() {
        let crowded = (0..<10).map {
            ContactPressure.Sent(at: at("2026-06-10 10:00", warsaw) + Double($0) * 60, channel: .email, kind: .marketing)
        }
        let night = at("2026-06-10 23:30", warsaw)
        let reply = ContactPressure.Message(channel: .email, kind: .support)
        #expect(budget.decide(reply, for: customer(warsaw, open: true, sent: crowded), at: night) == .send)
        let update = ContactPressure.Message(channel: .email, kind: .orderUpdate)
        #expect(budget.decide(update, for: customer(warsaw, consent: [], sent: crowded), at: night) == .send)
        let smsUpdate = ContactPressure.Message(channel: .sms, kind: .orderUpdate)
        #expect(
            budget.decide(smsUpdate, for: customer(warsaw, sent: crowded), at: night)
                == .wait(until: at("2026-06-11 08:00", warsaw), because: [.quietHours]))
        #expect(budget.decide(smsUpdate, for: customer(warsaw, sent: crowded), at: at("2026-06-10 14:00", warsaw)) == .send)
        let smsReply = ContactPressure.Message(channel: .sms, kind: .support)
        #expect(budget.decide(smsReply, for: customer(warsaw, sent: crowded), at: night) == .send)
    }

    @Test("a message whose next allowed moment is past its expiry is given up, with the reason")
    func expiry() {
        let sent = [
            ContactPressure.Sent(at: at("2026-06-10 09:00", warsaw), channel: .email, kind: .marketing),
            ContactPressure.Sent(at: at("2026-06-10 12:00", warsaw), channel: .email, kind: .marketing),
        ]
        let now = at("2026-06-10 15:00", warsaw)
        let reminder = ContactPressure.Message(channel: .email, kind: .marketing, expiresAt: now + 6 * 3600)
        #expect(
            budget.decide(reminder, for: customer(warsaw, sent: sent), at: now)
                == .expire(because: [.cap(.init(2, per: .day)), .quietHours]))
        let patient = ContactPressure.Message(channel: .email, kind: .marketing, expiresAt: now + 3 * 86400)
        #expect(
            budget.decide(patient, for: customer(warsaw, sent: sent), at: now)
                == .wait(until: at("2026-06-11 08:00", warsaw), because: [.cap(.init(2, per: .day)), .quietHours]))
    }

    @Test("quiet hours may sit inside a day, and off means none")
    func quietHoursShapes() {
        var budget = relaxedBudget()
        budget.quietHours = .init(start: 13 * 60, end: 14 * 60)
        #expect(
            budget.decide(marketingEmail, for: customer(warsaw), at: at("2026-06-10 13:15", warsaw))
                == .wait(until: at("2026-06-10 14:00", warsaw), because: [.quietHours]))
        #expect(budget.decide(marketingEmail, for: customer(warsaw), at: at("2026-06-10 14:00", warsaw)) == .send)
        #expect(budget.decide(marketingEmail, for: customer(warsaw), at: at("2026-06-10 12:59:59", warsaw)) == .send)
        budget.quietHours = nil
        #expect(budget.decide(marketingEmail, for: customer(warsaw), at: at("2026-06-10 03:00", warsaw)) == .send)
    }

    /// Every decision over a year of hours, in zones with and without daylight saving and on both
    /// sides of the date line, with histories drawn from a fixed seed: the moment given is allowed
    /// (asked again then, the answer is send) and it is the first (a second earlier is not).
    @Test("exhaustively: the moment a message waits for is allowed, and no earlier one is", .timeLimit(.minutes(2)))
    func earliestAllowedMoment() {
        var random = SplitMix64(seed: 20_261_207)
        let zones = ["Europe/Warsaw", "Asia/Kolkata", "America/New_York", "Pacific/Auckland", "Europe/Athens", "UTC"].map {
            TimeZone(identifier: $0)!
        }
        let start = at("2026-01-01 00:00", .gmt)
        var checked = 0
        for step in 0..<(365 * 24 / 5) {
            let now = start + Double(step) * 5 * 3600 + Double(random.next() % 3600)
            let zone = zones[step % zones.count]
            let sent = (0..<Int(random.next() % 9)).map { _ in
                ContactPressure.Sent(
                    at: now - Double(random.next() % (40 * 86400)), channel: random.next() % 3 == 0 ? .sms : .email,
                    kind: ContactPressure.Kind.allCases[Int(random.next() % 3)])
            }
            var budget = ContactPressure(settings: [:])
            if step % 7 == 0 { budget.quietHours = .init(start: 22 * 60 + 30, end: 6 * 60 + 15) }
            var recipient = customer(zone, sent: sent)
            if step % 5 == 0 {
                recipient.preferences = ContactPreferences(
                    frequency: step % 3 == 0 ? .monthly : .weekly, pausedUntil: step % 10 == 0 ? now + Double(random.next() % 900_000) : nil
                )
            }
            for message in [marketingEmail, ContactPressure.Message(channel: .sms, kind: .marketing)] {
                switch budget.decide(message, for: recipient, at: now) {
                case .send:
                    checked += 1
                case .wait(let until, let reasons):
                    #expect(until > now)
                    #expect(!reasons.isEmpty)
                    #expect(budget.decide(message, for: recipient, at: until) == .send, "at \(until) in \(zone.identifier)")
                    if case .wait = budget.decide(message, for: recipient, at: until - 1) {
                    } else {
                        Issue.record("a second before \(until) in \(zone.identifier) was allowed too")
                    }
                    checked += 1
                case .refuse, .expire:
                    Issue.record("nothing here lacks consent or expires")
                }
            }
        }
        #expect(checked == 2 * (365 * 24 / 5))
    }

    @Test("the history a decision needs reaches back to the month's start or the longest gap")
    func historyStart() {
        let now = at("2026-06-10 14:00", warsaw)
        #expect(budget.historyStart(before: now, in: warsaw) == at("2026-06-01 00:00", warsaw))
        let early = at("2026-06-01 10:00", warsaw)
        #expect(budget.historyStart(before: early, in: warsaw) == early - 86400)
    }

    /// The defaults without quiet hours, gap or order-update wait, to look at one rule.
    func relaxedBudget() -> ContactPressure {
        var budget = ContactPressure(settings: [:])
        budget.quietHours = nil
        budget.minimumGap = 0
        budget.afterOrderUpdate = 0
        return budget
    }
}

@Suite("Contact pressure and the customer's own choices")
struct ContactPressurePreferencesTests {
    let base = ContactPressureTests()

    @Test("a pause holds marketing until it ends, then the usual rules apply")
    func pause() {
        let warsaw = base.warsaw
        let now = base.at("2026-06-10 14:00", warsaw)
        var recipient = base.customer(warsaw)
        recipient.preferences = ContactPreferences(pausedUntil: base.at("2026-07-10 22:00", warsaw))
        #expect(
            base.budget.decide(base.marketingEmail, for: recipient, at: now)
                == .wait(until: base.at("2026-07-11 08:00", warsaw), because: [.paused, .quietHours]))
        // Order updates are not marketing: the pause does not touch them.
        #expect(base.budget.decide(.init(channel: .email, kind: .orderUpdate), for: recipient, at: now) == .send)
        recipient.preferences.pausedUntil = now - 60
        #expect(base.budget.decide(base.marketingEmail, for: recipient, at: now) == .send)
    }

    @Test("a customer who chose once a week gets one marketing message a week, counted across channels")
    func weekly() {
        let warsaw = base.warsaw
        var recipient = base.customer(
            warsaw, sent: [ContactPressure.Sent(at: base.at("2026-06-08 10:00", warsaw), channel: .sms, kind: .marketing)])
        recipient.preferences = ContactPreferences(frequency: .weekly)
        #expect(
            base.budget.decide(base.marketingEmail, for: recipient, at: base.at("2026-06-10 14:00", warsaw))
                == .wait(until: base.at("2026-06-15 08:00", warsaw), because: [.chosenFrequency(.init(1, per: .week)), .quietHours]))
        recipient.preferences.frequency = .shop
        #expect(base.budget.decide(base.marketingEmail, for: recipient, at: base.at("2026-06-10 14:00", warsaw)) == .send)
    }
}

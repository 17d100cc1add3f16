import Foundation

/// Whether a message may reach a customer now and, when not, the first moment it may: one budget
/// across support, order updates and marketing, so that what a shop sends never buries a customer.
///
/// Marketing waits; what the customer needs does not.
/// - Marketing needs the customer's marketing consent on its channel, or it is refused.
/// - Marketing waits while a support conversation is open, for a while after an order update, for
///   the minimum gap after any message, for the next period once a channel's cap is reached, and
///   out of the quiet hours in the customer's own time zone.
/// - Support replies and order updates are never capped or held back by other messages; a text
///   about an order still waits out the quiet hours (a text at 3 a.m. wakes people). A reply to a
///   customer's own text goes at once: they are awake and waiting for it.
///
/// A message held is deferred to the first moment every rule allows, not dropped, unless that moment
/// is past its expiry (an abandoned-cart reminder is useless after a few days). Periods are calendar
/// days, ISO weeks (from Monday) and months in the customer's zone: "two a day" is two per local day,
/// and a day is 23 or 25 hours across a daylight-saving change.
///
/// The decision is asked again when the message is due, with the history as it is then: two
/// messages deferred to the same morning go one after the other, the second after the gap.
public struct ContactPressure: Sendable, Equatable {
    /// What a message is for; only marketing is budgeted, but every kind counts towards the gaps.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case support
        case orderUpdate = "order_update"
        case marketing
    }

    public enum Period: String, Sendable, Codable, CaseIterable {
        case day, week, month

        var component: Calendar.Component {
            switch self {
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            }
        }
    }

    /// At most `limit` marketing messages on one channel per `period`.
    public struct Cap: Sendable, Equatable, Hashable {
        public var limit: Int
        public var period: Period

        public init(_ limit: Int, per period: Period) {
            self.limit = limit
            self.period = period
        }
    }

    /// A daily window, in local minutes since midnight, when nothing optional is sent. A window whose
    /// start is after its end spans midnight (`21:00-08:00`).
    public struct QuietHours: Sendable, Equatable {
        public var start: Int
        public var end: Int

        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }

        func contains(minute: Int) -> Bool {
            start <= end ? (start..<end).contains(minute) : minute >= start || minute < end
        }
    }

    /// A message already sent to the customer, of any kind, on any channel.
    public struct Sent: Sendable, Equatable {
        public var at: Date
        public var channel: Channel
        public var kind: Kind

        public init(at: Date, channel: Channel, kind: Kind) {
            self.at = at
            self.channel = channel
            self.kind = kind
        }
    }

    /// The message asking to go.
    public struct Message: Sendable, Equatable {
        public var channel: Channel
        public var kind: Kind
        /// After this it is worth nothing, and is given up instead of deferred.
        public var expiresAt: Date?
        /// What kind of marketing it is, for the customer's choice of topics.
        public var topic: ContactPreferences.Topic?

        public init(channel: Channel, kind: Kind, expiresAt: Date? = nil, topic: ContactPreferences.Topic? = nil) {
            self.channel = channel
            self.kind = kind
            self.expiresAt = expiresAt
            self.topic = topic
        }
    }

    /// What the policy needs to know of the customer.
    public struct Recipient: Sendable, Equatable {
        /// The channels the customer allowed marketing on.
        public var marketingConsent: Set<Channel>
        /// Their own zone (see ``timeZone(customer:phone:shop:)``).
        public var timeZone: TimeZone
        public var hasOpenSupportConversation: Bool
        /// What was sent to them since ``historyStart(before:in:)`` at least; older entries are harmless.
        public var sent: [Sent]
        /// Their own choices: a pause, and a frequency lower than the shop's.
        public var preferences: ContactPreferences

        public init(
            marketingConsent: Set<Channel>, timeZone: TimeZone, hasOpenSupportConversation: Bool = false, sent: [Sent] = [],
            preferences: ContactPreferences = ContactPreferences()
        ) {
            self.marketingConsent = marketingConsent
            self.timeZone = timeZone
            self.hasOpenSupportConversation = hasOpenSupportConversation
            self.sent = sent
            self.preferences = preferences
        }
    }

    /// Why a message waits or was refused.
    public enum Reason: Sendable, Equatable, Hashable {
        case noMarketingConsent
        /// The customer turned this kind of marketing off in the preference centre.
        case topicOff
        /// The customer paused marketing in the preference centre.
        case paused
        case supportConversationOpen
        case recentOrderUpdate
        case minimumGap
        case cap(Cap)
        /// The customer's own frequency, counted across channels.
        case chosenFrequency(Cap)
        case quietHours
    }

    public enum Decision: Sendable, Equatable {
        case send
        /// Deferred to `until`; the first reason is the one that held it, the others moved it further.
        case wait(until: Date, because: [Reason])
        /// Never to be sent: no consent, or a kind of marketing the customer turned off.
        case refuse(because: Reason)
        /// The first moment allowed is past the message's expiry.
        case expire(because: [Reason])
    }

    /// Marketing messages per channel per period; a channel with none is uncapped.
    public var caps: [Channel: [Cap]]
    /// The least time between any message and a marketing one after it.
    public var minimumGap: TimeInterval
    /// How long marketing keeps away after an order update.
    public var afterOrderUpdate: TimeInterval
    /// Whether marketing waits while the customer has a support conversation open.
    public var holdDuringSupport: Bool
    /// Nil for none.
    public var quietHours: QuietHours?
    /// How long a message held by an open conversation waits before it asks again.
    public var supportRecheck: TimeInterval = 3600

    public init(
        caps: [Channel: [Cap]], minimumGap: TimeInterval, afterOrderUpdate: TimeInterval, holdDuringSupport: Bool,
        quietHours: QuietHours?
    ) {
        self.caps = caps
        self.minimumGap = minimumGap
        self.afterOrderUpdate = afterOrderUpdate
        self.holdDuringSupport = holdDuringSupport
        self.quietHours = quietHours
    }

    /// Whether `message` may go to `recipient` at `now`, and if not, until when it waits and why.
    public func decide(_ message: Message, for recipient: Recipient, at now: Date) -> Decision {
        let marketing = message.kind == .marketing
        if marketing && !recipient.marketingConsent.contains(message.channel) { return .refuse(because: .noMarketingConsent) }
        if marketing, let topic = message.topic, recipient.preferences.topicsOff.contains(topic) { return .refuse(because: .topicOff) }
        let calendar = Self.calendar(in: recipient.timeZone)
        var moment = now
        var reasons: [Reason] = []
        func hold(until date: Date, _ reason: Reason) {
            guard date > moment else { return }
            moment = date
            if !reasons.contains(reason) { reasons.append(reason) }
        }
        if marketing {
            if let pause = recipient.preferences.pausedUntil { hold(until: pause, .paused) }
            if holdDuringSupport && recipient.hasOpenSupportConversation { hold(until: now + supportRecheck, .supportConversationOpen) }
            if let update = recipient.sent.lazy.filter({ $0.kind == .orderUpdate }).map(\.at).max() {
                hold(until: update + afterOrderUpdate, .recentOrderUpdate)
            }
            if let last = recipient.sent.lazy.map(\.at).max() { hold(until: last + minimumGap, .minimumGap) }
            let everywhere = recipient.sent.filter { $0.kind == .marketing }
            let counted = everywhere.filter { $0.channel == message.channel }
            let caps = (caps[message.channel] ?? []).filter { $0.limit > 0 }
            let chosen = recipient.preferences.cap
            // Each rule only moves the moment later, and a period's start or a window's end satisfies
            // it, so this settles in a few rounds; the bound is a guard, never reached with real caps.
            for _ in 0..<64 {
                let before = moment
                for cap in caps {
                    if let end = Self.fullPeriodEnd(cap, counting: counted, at: moment, calendar) { hold(until: end, .cap(cap)) }
                }
                if let chosen, let end = Self.fullPeriodEnd(chosen, counting: everywhere, at: moment, calendar) {
                    hold(until: end, .chosenFrequency(chosen))
                }
                if let end = quietEnd(after: moment, calendar) { hold(until: end, .quietHours) }
                if moment == before { break }
            }
        } else if message.kind == .orderUpdate, message.channel == .sms, let end = quietEnd(after: moment, calendar) {
            hold(until: end, .quietHours)
        }
        if reasons.isEmpty { return .send }
        if let expiresAt = message.expiresAt, moment > expiresAt { return .expire(because: reasons) }
        return .wait(until: moment, because: reasons)
    }

    /// The oldest message the decision at `now` can depend on: the start of the month (the longest
    /// period), or earlier when a gap reaches further back.
    public func historyStart(before now: Date, in zone: TimeZone) -> Date {
        let month = Self.period(.month, containing: now, Self.calendar(in: zone)).start
        return min(month, now - max(minimumGap, afterOrderUpdate, 0))
    }

    /// When the quiet hours around `moment` end, or nil when `moment` is not quiet.
    private func quietEnd(after moment: Date, _ calendar: Calendar) -> Date? {
        guard let quietHours, quietHours.start != quietHours.end else { return nil }
        let time = calendar.dateComponents([.hour, .minute], from: moment)
        let minute = (time.hour ?? 0) * 60 + (time.minute ?? 0)
        guard quietHours.contains(minute: minute) else { return nil }
        var day = calendar.startOfDay(for: moment)
        if quietHours.start > quietHours.end && minute >= quietHours.start {
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day + 86400
        }
        var end = calendar.dateComponents([.year, .month, .day], from: day)
        end.hour = quietHours.end / 60
        end.minute = quietHours.end % 60
        // A local time skipped by a daylight-saving change comes out an hour later, still past `moment`.
        return calendar.date(from: end).map { max($0, moment) }
    }

    /// The end of `cap`'s period around `moment` when `sent` already fills it, else nil.
    private static func fullPeriodEnd(_ cap: Cap, counting sent: [Sent], at moment: Date, _ calendar: Calendar) -> Date? {
        let period = period(cap.period, containing: moment, calendar)
        return sent.count(where: { period.start <= $0.at && $0.at < period.end }) >= cap.limit ? period.end : nil
    }

    static func calendar(in zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    static func period(_ period: Period, containing moment: Date, _ calendar: Calendar) -> DateInterval {
        calendar.dateInterval(of: period.component, for: moment) ?? DateInterval(start: moment, duration: 86400)
    }
}

import Foundation
import ParleyCore
import Testing

@Suite("SLA clocks")
struct SLAClockTests {
    typealias B = BusinessHoursTests
    static let hour: TimeInterval = 3600
    /// Kubki: first answer within an hour, later answers within 4, resolved within 2 business days.
    static let kubki = SLAPolicy(firstResponse: hour, nextResponse: 4 * hour, resolution: 16 * hour, businessHours: B.warsaw)
    static let friday1630 = B.at("2025-03-28T16:30:00+01:00")
    static let monday0930 = B.at("2025-03-31T09:30:00+02:00")

    @Test("a Friday 16:30 message is due for a first answer on Monday 09:30, resolution on Tuesday")
    func firstResponseDue() {
        var clock = SLAClock(policy: Self.kubki)
        #expect(clock.nextDeadline == nil)
        clock.customerWrote(at: Self.friday1630)
        #expect(
            clock.due == [
                SLAClock.Due(target: .firstResponse, startedAt: Self.friday1630, dueAt: Self.monday0930),
                SLAClock.Due(target: .resolution, startedAt: Self.friday1630, dueAt: B.at("2025-04-01T16:30:00+02:00")),
            ])
        #expect(clock.nextDeadline == Self.monday0930)
    }

    @Test("breached from the due instant on: a reply then is late, a second earlier is not")
    func breachEdge() {
        var clock = SLAClock(policy: Self.kubki)
        clock.customerWrote(at: Self.friday1630)
        #expect(clock.breaches(at: Self.monday0930.addingTimeInterval(-1)) == [])
        #expect(clock.breaches(at: Self.monday0930) == [.firstResponse])
        var early = clock
        early.agentReplied(at: Self.monday0930.addingTimeInterval(-1))
        #expect(early.achieved.last?.breached == false)
        // Half an hour on Friday, half an hour less a second on Monday.
        #expect(early.firstResponseTime == Self.hour - 1)
        clock.agentReplied(at: Self.monday0930)
        #expect(clock.achieved.last?.breached == true)
        #expect(clock.firstResponseTime == Self.hour)
    }

    @Test("each breach is reported once and the next sweep moves on")
    func markBreaches() {
        var clock = SLAClock(policy: SLAPolicy(firstResponse: Self.hour, resolution: 2 * Self.hour))
        let start = B.at("2025-01-14T10:00:00Z")
        clock.customerWrote(at: start)
        #expect(clock.markBreaches(at: start.addingTimeInterval(Self.hour - 1)) == [])
        #expect(clock.markBreaches(at: start.addingTimeInterval(Self.hour)) == [.firstResponse])
        #expect(clock.markBreaches(at: start.addingTimeInterval(Self.hour + 60)) == [])
        #expect(clock.due.first?.breachedAt == start.addingTimeInterval(Self.hour))
        #expect(clock.nextDeadline == start.addingTimeInterval(2 * Self.hour))
        #expect(clock.markBreaches(at: start.addingTimeInterval(3 * Self.hour)) == [.resolution])
        #expect(clock.nextDeadline == nil)
        #expect(clock.breaches(at: start.addingTimeInterval(3 * Self.hour)) == [.firstResponse, .resolution])
        clock.agentReplied(at: start.addingTimeInterval(4 * Self.hour))
        #expect(
            clock.achieved == [
                SLAClock.Achieved(
                    target: .firstResponse, startedAt: start, achievedAt: start.addingTimeInterval(4 * Self.hour),
                    businessTime: 4 * Self.hour, breached: true)
            ])
    }

    @Test("after the first answer, each new customer message starts a next-response clock")
    func nextResponseCycle() {
        var clock = SLAClock(policy: SLAPolicy(firstResponse: Self.hour, nextResponse: 2 * Self.hour))
        let t = B.at("2025-01-14T10:00:00Z")
        clock.customerWrote(at: t)
        clock.customerWrote(at: t.addingTimeInterval(600))
        #expect(clock.due.map(\.dueAt) == [t.addingTimeInterval(Self.hour)])
        clock.agentReplied(at: t.addingTimeInterval(1200))
        clock.agentReplied(at: t.addingTimeInterval(1300))
        #expect(clock.due == [])
        clock.customerWrote(at: t.addingTimeInterval(Self.hour))
        clock.customerWrote(at: t.addingTimeInterval(Self.hour + 60))
        #expect(
            clock.due == [
                SLAClock.Due(target: .nextResponse, startedAt: t.addingTimeInterval(Self.hour), dueAt: t.addingTimeInterval(3 * Self.hour))
            ])
        clock.agentReplied(at: t.addingTimeInterval(2 * Self.hour))
        #expect(clock.achieved.map(\.target) == [.firstResponse, .nextResponse])
        #expect(clock.achieved.map(\.businessTime) == [1200, Self.hour])
    }

    @Test("a conversation the shop started answers the customer with next-response targets")
    func shopStarted() {
        var clock = SLAClock(policy: SLAPolicy(firstResponse: Self.hour, nextResponse: 2 * Self.hour))
        let t = B.at("2025-01-14T10:00:00Z")
        clock.agentReplied(at: t)
        clock.customerWrote(at: t.addingTimeInterval(60))
        #expect(clock.due.map(\.target) == [.nextResponse])
    }

    @Test("waiting for the customer pauses resolution, keeping the business time left")
    func pauseAndResume() {
        var clock = SLAClock(policy: SLAPolicy(resolution: 8 * Self.hour, businessHours: B.warsaw))
        let monday9 = B.at("2025-01-13T09:00:00+01:00")
        clock.customerWrote(at: monday9)
        clock.statusChanged(to: .pending, at: monday9.addingTimeInterval(2 * Self.hour))
        #expect(clock.due == [])
        #expect(clock.pausedResolution == 6 * Self.hour)
        #expect(clock.nextDeadline == nil)
        // Pausing again changes nothing; reopened on Friday 15:00, six business hours end Monday 13:00.
        clock.statusChanged(to: .snoozed, at: B.at("2025-01-14T12:00:00+01:00"))
        clock.statusChanged(to: .open, at: B.at("2025-01-17T15:00:00+01:00"))
        #expect(clock.due.map(\.dueAt) == [B.at("2025-01-20T13:00:00+01:00")])
        clock.statusChanged(to: .resolved, at: B.at("2025-01-20T10:00:00+01:00"))
        #expect(clock.due == [])
        #expect(clock.achieved.map(\.businessTime) == [5 * Self.hour])
        #expect(clock.achieved.map(\.breached) == [false])
    }

    @Test("the customer answering a pending conversation resumes resolution")
    func customerResumes() {
        var clock = SLAClock(policy: SLAPolicy(resolution: 4 * Self.hour))
        let t = B.at("2025-01-14T10:00:00Z")
        clock.customerWrote(at: t)
        clock.statusChanged(to: .pending, at: t.addingTimeInterval(Self.hour))
        clock.customerWrote(at: t.addingTimeInterval(10 * Self.hour))
        #expect(clock.due.map(\.dueAt) == [t.addingTimeInterval(13 * Self.hour)])
    }

    @Test("a breach survives a pause; resuming does not report it again")
    func pausedAfterBreach() {
        var clock = SLAClock(policy: SLAPolicy(resolution: Self.hour))
        let t = B.at("2025-01-14T10:00:00Z")
        clock.customerWrote(at: t)
        clock.statusChanged(to: .pending, at: t.addingTimeInterval(2 * Self.hour))
        #expect(clock.pausedResolution == 0)
        clock.statusChanged(to: .open, at: t.addingTimeInterval(3 * Self.hour))
        #expect(clock.nextDeadline == nil)
        #expect(clock.due.first?.breachedAt == t.addingTimeInterval(Self.hour))
        clock.statusChanged(to: .resolved, at: t.addingTimeInterval(4 * Self.hour))
        #expect(
            clock.achieved == [
                SLAClock.Achieved(
                    target: .resolution, startedAt: t, achievedAt: t.addingTimeInterval(4 * Self.hour), businessTime: 3 * Self.hour,
                    breached: true)
            ])
    }

    @Test("resolving stops every clock; the customer writing again restarts resolution in full")
    func resolveAndReopen() {
        var clock = SLAClock(policy: SLAPolicy(firstResponse: Self.hour, nextResponse: Self.hour, resolution: 4 * Self.hour))
        let t = B.at("2025-01-14T10:00:00Z")
        clock.customerWrote(at: t)
        clock.statusChanged(to: .resolved, at: t.addingTimeInterval(60))
        #expect(clock.due == [])
        #expect(clock.achieved.map(\.target) == [.resolution])
        clock.statusChanged(to: .open, at: t.addingTimeInterval(120))
        #expect(clock.due == [])
        let later = t.addingTimeInterval(5 * Self.hour)
        clock.customerWrote(at: later)
        // Never answered, so the first-response clock starts again with the new message.
        #expect(clock.due.map(\.target) == [.firstResponse, .resolution])
        #expect(clock.due.last?.dueAt == later.addingTimeInterval(4 * Self.hour))
    }

    @Test("targets the policy leaves out are not tracked")
    func untracked() {
        var clock = SLAClock(policy: SLAPolicy(nextResponse: Self.hour))
        let t = B.at("2025-01-14T10:00:00Z")
        clock.customerWrote(at: t)
        #expect(clock.due == [])
        clock.agentReplied(at: t.addingTimeInterval(60))
        #expect(clock.achieved == [])
        clock.customerWrote(at: t.addingTimeInterval(120))
        #expect(clock.due.map(\.target) == [.nextResponse])
    }

    @Test("persisted as JSON and read back unchanged")
    func codable() throws {
        var clock = SLAClock(policy: Self.kubki)
        clock.customerWrote(at: Self.friday1630)
        clock.agentReplied(at: Self.monday0930)
        clock.customerWrote(at: Self.monday0930.addingTimeInterval(600))
        clock.statusChanged(to: .pending, at: Self.monday0930.addingTimeInterval(1200))
        let decoded = try JSONDecoder().decode(SLAClock.self, from: JSONEncoder().encode(clock))
        #expect(decoded == clock)
        #expect(decoded.pausedResolution == clock.pausedResolution)
    }
}

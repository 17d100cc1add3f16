import Foundation
import ParleyCore
import Testing

@Suite("SLA targets per priority")
struct SLATargetTests {
    typealias B = BusinessHoursTests

    @Test("one duration for all, or a default with durations for some priorities")
    func text() {
        #expect(SLATargetText.seconds("4h", priority: .urgent) == 4 * 3600)
        let mixed = "8h; urgent 1h; High 4h"
        #expect(SLATargetText.seconds(mixed, priority: .urgent) == 3600)
        #expect(SLATargetText.seconds(mixed, priority: .high) == 4 * 3600)
        #expect(SLATargetText.seconds(mixed, priority: .low) == 8 * 3600)
        #expect(SLATargetText.seconds("urgent 30m", priority: .normal) == nil)
        #expect(SLATargetText.problem(mixed) == nil)
        #expect(SLATargetText.problem("8h; critical 1h")?.contains("critical 1h") == true)
        #expect(SLATargetText.problem("8h; 4h") != nil)
        #expect(SLATargetText.problem("soon") != nil)
        #expect(ShopSetting.named("sla.first_response")?.problem(with: "8h; urgent 1h") == nil)
        #expect(ShopSetting.named("sla.resolution")?.problem(with: "2 days") != nil)
    }

    @Test("a shop's policy depends on the conversation's priority")
    func policy() {
        let settings = ["sla.first_response": "8h; urgent 1h", "sla.resolution": "urgent 1d"]
        #expect(SLAPolicy(settings: settings, timeZone: "UTC", priority: .urgent)?.firstResponse == 3600)
        #expect(SLAPolicy(settings: settings, timeZone: "UTC", priority: .urgent)?.resolution == 86400)
        #expect(SLAPolicy(settings: settings, timeZone: "UTC")?.firstResponse == TimeInterval(8 * 3600))
        #expect(SLAPolicy(settings: settings, timeZone: "UTC")?.resolution == nil)
    }

    @Test("raising the priority times running targets again from when they started; a breach that no longer holds is cleared")
    func adopt() {
        let start = B.at("2025-01-14T10:00:00Z")
        var clock = SLAClock(policy: SLAPolicy(firstResponse: 8 * 3600, resolution: 24 * 3600))
        clock.customerWrote(at: start)
        clock.adopt(SLAPolicy(firstResponse: 3600, resolution: 4 * 3600), at: start.addingTimeInterval(600))
        #expect(clock.due.map(\.dueAt) == [start.addingTimeInterval(3600), start.addingTimeInterval(4 * 3600)])

        _ = clock.markBreaches(at: start.addingTimeInterval(2 * 3600))
        #expect(clock.due.first?.breachedAt == start.addingTimeInterval(3600))
        clock.adopt(SLAPolicy(firstResponse: 3 * 3600), at: start.addingTimeInterval(2 * 3600))
        #expect(clock.due == [SLAClock.Due(target: .firstResponse, startedAt: start, dueAt: start.addingTimeInterval(3 * 3600))])

        // Time counted before a pause stays counted under the new durations.
        var paused = SLAClock(policy: SLAPolicy(resolution: 10 * 3600))
        paused.customerWrote(at: start)
        paused.statusChanged(to: .pending, at: start.addingTimeInterval(2 * 3600))
        paused.adopt(SLAPolicy(resolution: 5 * 3600), at: start.addingTimeInterval(3 * 3600))
        #expect(abs((paused.pausedResolution ?? 0) - 3 * 3600) < 0.001)
    }
}

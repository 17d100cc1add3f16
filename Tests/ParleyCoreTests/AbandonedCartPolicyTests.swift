import Foundation
import ParleyCore
import Testing

@Suite("Abandoned cart policy")
struct AbandonedCartPolicyTests {
    let began = Date(timeIntervalSince1970: 1_795_000_000)
    let hour: TimeInterval = 3600

    func decide(changed: TimeInterval = 0, items: Int = 2, order: TimeInterval? = nil, now: TimeInterval) -> AbandonedCartPolicy.Decision {
        AbandonedCartPolicy.decide(
            began: began, changed: began + changed, items: items, lastOrder: order.map { began + $0 }, now: began + now, wait: hour,
            lifetime: 72 * hour)
    }

    @Test("the reminder waits an hour after the last change, then goes once while the cart is fresh")
    func timing() {
        #expect(decide(now: 10 * 60) == .later(began + hour))
        #expect(decide(changed: 50 * 60, now: hour) == .later(began + 50 * 60 + hour), "still filling it in")
        #expect(decide(now: hour) == .remind)
        #expect(decide(now: 71 * hour) == .remind)
        #expect(decide(now: 73 * hour) == .exit(.expired))
        #expect(decide(changed: 71.5 * hour, now: 71.6 * hour) == .exit(.expired), "the next due moment is past the cart's use")
    }

    @Test("an order placed since the checkout began ends the run; one from before does not")
    func goal() {
        #expect(decide(order: 30 * 60, now: hour) == .exit(.ordered))
        #expect(decide(order: -60, now: hour) == .exit(.ordered), "a platform clock a minute off")
        #expect(decide(order: -3 * 86400, now: hour) == .remind, "an order of last week is another matter")
    }

    @Test("an emptied cart is nothing to remind of")
    func emptied() {
        #expect(decide(items: 0, now: hour) == .exit(.emptied))
    }
}

import Foundation
import ParleyCore
import Testing

@Suite("Flow policy")
struct FlowPolicyTests {
    let began = Date(timeIntervalSince1970: 1_795_000_000)
    let hour: TimeInterval = 3600
    let day: TimeInterval = 86400

    func order(_ id: String, at offset: TimeInterval, _ stage: OrderStage = .accepted, skus: Set<String> = []) -> FlowPolicy.OrderFact {
        FlowPolicy.OrderFact(id: id, placedAt: began + offset, stage: stage, skus: skus)
    }

    func cart(changed: TimeInterval = 0, items: Int = 2, order placed: TimeInterval? = nil, now: TimeInterval) -> FlowPolicy.Decision {
        FlowPolicy.decide(
            .abandonedCart,
            facts: .init(began: began, changed: began + changed, items: items, orders: placed.map { [order("o", at: $0)] } ?? []),
            wait: hour, now: began + now)
    }

    @Test("a cart reminder waits an hour after the last change, then goes once while the cart is fresh")
    func cartTiming() {
        #expect(cart(now: 10 * 60) == .later(began + hour))
        #expect(cart(changed: 50 * 60, now: hour) == .later(began + 50 * 60 + hour), "still filling it in")
        #expect(cart(now: hour) == .send)
        #expect(cart(now: 71 * hour) == .send)
        #expect(cart(now: 73 * hour) == .exit(.expired))
        #expect(cart(changed: 71.5 * hour, now: 71.6 * hour) == .exit(.expired), "the next due moment is past the cart's use")
    }

    @Test("an order placed since the checkout began ends the cart's run; one from before does not; an emptied cart ends it")
    func cartGoal() {
        #expect(cart(order: 30 * 60, now: hour) == .exit(.ordered))
        #expect(cart(order: -60, now: hour) == .exit(.ordered), "a platform clock a minute off")
        #expect(cart(order: -3 * day, now: hour) == .send, "an order of last week is another matter")
        #expect(cart(items: 0, now: hour) == .exit(.emptied))
    }

    @Test("a browse is followed up a day after the last view, unless the customer ordered or began a checkout since")
    func browse() {
        func decide(_ facts: FlowPolicy.Facts, now: TimeInterval) -> FlowPolicy.Decision {
            FlowPolicy.decide(.browseAbandonment, facts: facts, wait: day, now: began + now)
        }
        #expect(decide(.init(began: began, changed: began + hour, items: 2), now: day) == .later(began + hour + day))
        #expect(decide(.init(began: began, changed: began + hour, items: 2), now: day + hour) == .send)
        #expect(decide(.init(began: began, items: 1, checkouts: [began + hour]), now: day) == .exit(.checkedOut))
        #expect(decide(.init(began: began, items: 1, checkouts: [began - 5 * day]), now: day) == .send)
        #expect(decide(.init(began: began, items: 1, orders: [order("o", at: 2 * hour)]), now: day) == .exit(.ordered))
        #expect(decide(.init(began: began, items: 1), now: 3 * day + 1) == .exit(.expired))
    }

    @Test("replenishment comes the product's days after delivery and ends when that product is ordered again")
    func replenishment() {
        let delivered = order("o1", at: -3 * day, .delivered, skus: ["KAWA", "KUBEK"])
        func decide(_ orders: [FlowPolicy.OrderFact], now: TimeInterval) -> FlowPolicy.Decision {
            FlowPolicy.decide(
                .replenishment, facts: .init(began: began, orders: [delivered] + orders, order: "o1", products: ["KAWA"]),
                wait: 30 * day, now: began + now)
        }
        #expect(decide([], now: 29 * day) == .later(began + 30 * day))
        #expect(decide([], now: 30 * day) == .send)
        #expect(decide([order("o2", at: 10 * day, skus: ["KAWA"])], now: 30 * day) == .exit(.reordered))
        #expect(decide([order("o2", at: 10 * day, skus: ["FILTR"])], now: 30 * day) == .send, "another product is no reorder")
        #expect(decide([], now: 44 * day + 1) == .exit(.expired))
        #expect(
            FlowPolicy.decide(
                .replenishment,
                facts: .init(began: began, orders: [order("o1", at: -3 * day, .refunded)], order: "o1", products: ["KAWA"]),
                wait: 30 * day, now: began + 30 * day) == .exit(.cancelled))
    }

    @Test("a win-back goes the wait after the last order, and any newer order ends it")
    func winBack() {
        let last = order("o1", at: 0)
        func decide(_ orders: [FlowPolicy.OrderFact], now: TimeInterval) -> FlowPolicy.Decision {
            FlowPolicy.decide(.winBack, facts: .init(began: began, orders: [last] + orders, order: "o1"), wait: 90 * day, now: began + now)
        }
        #expect(decide([], now: 90 * day) == .send)
        #expect(decide([order("o0", at: -40 * day)], now: 90 * day) == .send, "an older order is no return")
        #expect(decide([order("o2", at: 50 * day)], now: 90 * day) == .exit(.ordered))
        #expect(decide([], now: 121 * day) == .exit(.expired))
    }

    @Test("welcome, after-delivery and thank-you go their wait after the trigger; a cancelled order ends the last two")
    func simple() {
        #expect(FlowPolicy.decide(.welcome, facts: .init(began: began), wait: 600, now: began + 599) == .later(began + 600))
        #expect(FlowPolicy.decide(.welcome, facts: .init(began: began), wait: 600, now: began + 600) == .send)
        #expect(FlowPolicy.decide(.welcome, facts: .init(began: began), wait: 600, now: began + 600 + 8 * day) == .exit(.expired))
        for recipe in [FlowRecipe.postPurchase, .thankYou] {
            let facts = FlowPolicy.Facts(began: began, orders: [order("o1", at: -day, .delivered)], order: "o1")
            #expect(FlowPolicy.decide(recipe, facts: facts, wait: day, now: began + day) == .send)
            #expect(FlowPolicy.decide(recipe, facts: facts, wait: day, now: began) == .later(began + day))
            let cancelled = FlowPolicy.Facts(began: began, orders: [order("o1", at: -day, .cancelled)], order: "o1")
            #expect(FlowPolicy.decide(recipe, facts: cancelled, wait: day, now: began + day) == .exit(.cancelled))
        }
    }

    @Test("for every recipe and wait the shop may set, a run never sends before it is due nor after it expires")
    func bounds() {
        for recipe in FlowRecipe.allCases {
            for wait in [recipe.waits.lowerBound, recipe.defaultWait, recipe.waits.upperBound] {
                for offset in stride(from: 0, through: 400 * day, by: 7 * hour) {
                    let now = began + offset
                    let decision = FlowPolicy.decide(recipe, facts: .init(began: began), wait: wait, now: now)
                    let due = began + wait
                    switch decision {
                    case .send: #expect(now >= due && now <= recipe.expiry(began: began, due: due), "\(recipe) \(wait) \(offset)")
                    case .later(let at): #expect(at == due && now < due)
                    case .exit(let why): #expect(why == .expired && now > recipe.expiry(began: began, due: due))
                    }
                }
            }
        }
    }
}

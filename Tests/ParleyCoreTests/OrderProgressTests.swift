import ParleyCore
import Testing

@Suite("Order progress")
struct OrderProgressTests {
    static let journey: [OrderStage] = [.accepted, .paid, .packed, .shipped, .outForDelivery, .delivered]

    @Test("every forward step is taken, every backward step is kept as history")
    func forwardOnly() {
        for (i, from) in Self.journey.enumerated() {
            for (j, to) in Self.journey.enumerated() {
                let expected: OrderProgress.Decision = j > i ? .advance(to: to) : .keep
                #expect(OrderProgress.decide(current: from, event: to) == expected, "\(from) → \(to)")
            }
        }
    }

    @Test("a first event sets the stage, whatever it is", arguments: OrderStage.allCases)
    func first(stage: OrderStage) {
        #expect(OrderProgress.decide(current: nil, event: stage) == .advance(to: stage))
    }

    @Test("cancelling ends an undelivered order; nothing but a refund follows it")
    func cancelled() {
        for stage in Self.journey.dropLast() {
            #expect(OrderProgress.decide(current: stage, event: .cancelled) == .advance(to: .cancelled))
        }
        #expect(OrderProgress.decide(current: .delivered, event: .cancelled) == .keep)
        for stage in Self.journey {
            #expect(OrderProgress.decide(current: .cancelled, event: stage) == .keep)
        }
        #expect(OrderProgress.decide(current: .cancelled, event: .refunded) == .advance(to: .refunded))
    }

    @Test("a refund follows payment, even after delivery; nothing follows a refund")
    func refunded() {
        #expect(OrderProgress.decide(current: .accepted, event: .refunded) == .keep)
        for stage in Self.journey.dropFirst() {
            #expect(OrderProgress.decide(current: stage, event: .refunded) == .advance(to: .refunded))
        }
        for stage in OrderStage.allCases {
            #expect(OrderProgress.decide(current: .refunded, event: stage) == .keep)
        }
    }
}

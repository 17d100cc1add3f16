import ParleyCore
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy(base: .seconds(5), cap: .seconds(3600))

    @Test("the delay doubles with each attempt and stops at the cap")
    func doubling() {
        let nominal = (1...12).map { policy.delay(afterAttempt: $0, unit: 1) }
        #expect(nominal.prefix(4) == [.seconds(5), .seconds(10), .seconds(20), .seconds(40)])
        #expect(nominal.last == .seconds(3600))
        #expect(zip(nominal, nominal.dropFirst()).allSatisfy { $0 <= $1 })
    }

    @Test("jitter keeps at least half of the nominal delay", arguments: [0.0, 0.25, 0.5, 0.999])
    func jitter(unit: Double) {
        for attempt in 1...10 {
            let nominal = policy.delay(afterAttempt: attempt, unit: 1)
            let jittered = policy.delay(afterAttempt: attempt, unit: unit)
            #expect(jittered >= nominal / 2 && jittered <= nominal)
        }
        #expect(policy.delay(afterAttempt: 3, unit: 0) == .seconds(10))
    }

    @Test("absurd attempt numbers neither overflow nor go negative")
    func extremes() {
        #expect(policy.delay(afterAttempt: 10_000, unit: 1) == .seconds(3600))
        #expect(policy.delay(afterAttempt: 0, unit: 1) == .seconds(5))
    }
}

import ParleyCore
import Testing

@Suite("Sender hold policy")
struct SenderHoldPolicyTests {
    @Test("up to the limit mail is filed; from the limit on it is held, and only the first held one is announced")
    func limit() {
        #expect(SenderHoldPolicy.decide(recent: 0, hourlyLimit: 30, released: false) == .file)
        #expect(SenderHoldPolicy.decide(recent: 29, hourlyLimit: 30, released: false) == .file)
        #expect(SenderHoldPolicy.decide(recent: 30, hourlyLimit: 30, released: false) == .hold(announce: true))
        #expect(SenderHoldPolicy.decide(recent: 31, hourlyLimit: 30, released: false) == .hold(announce: false))
        #expect(SenderHoldPolicy.decide(recent: 500, hourlyLimit: 30, released: false) == .hold(announce: false))
    }

    @Test("a mail an agent released is filed whatever the count")
    func released() {
        #expect(SenderHoldPolicy.decide(recent: 500, hourlyLimit: 30, released: true) == .file)
    }
}

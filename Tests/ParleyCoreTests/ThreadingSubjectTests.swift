import Foundation
import ParleyCore
import Testing

/// Rule 4: the same customer's conversation with the same subject, recently.
@Suite("Threading by subject")
struct ThreadingSubjectTests {
    typealias T = ThreadingPolicyTests
    let policy = ThreadingPolicy()

    func decide(_ candidates: [ThreadCandidate], mail: IncomingMail = T.mail()) -> ThreadingDecision {
        policy.decide(mail, evidence: ThreadingEvidence(bySubject: candidates))
    }

    @Test("the window is inclusive at exactly 14 days and closed a second later")
    func window() {
        #expect(decide([T.conversation(1, age: 14 * T.day)]) == .append(conversationID: 1, reason: .subject, reopen: false, flag: nil))
        #expect(decide([T.conversation(1, age: 14 * T.day + 1)]) == .startNew(flag: nil))
        // A conversation whose last message is stamped after the mail (clocks differ) is recent.
        #expect(decide([T.conversation(1, age: -60)]) == .append(conversationID: 1, reason: .subject, reopen: false, flag: nil))
        let short = ThreadingPolicy(subjectWindow: 3600)
        #expect(
            short.decide(T.mail(), evidence: ThreadingEvidence(bySubject: [T.conversation(1, age: 3601)])) == .startNew(flag: nil))
    }

    @Test("an unresolved conversation is preferred, then the newest")
    func preference() {
        let resolvedNewer = T.conversation(1, status: .resolved, age: T.day)
        let pendingOlder = T.conversation(2, status: .pending, age: 5 * T.day)
        let openOldest = T.conversation(3, status: .open, age: 9 * T.day)
        #expect(
            decide([resolvedNewer, pendingOlder, openOldest]) == .append(conversationID: 2, reason: .subject, reopen: false, flag: nil))
        #expect(decide([openOldest, resolvedNewer]) == .append(conversationID: 3, reason: .subject, reopen: false, flag: nil))
        let resolvedOlder = T.conversation(4, status: .resolved, age: 3 * T.day)
        #expect(decide([resolvedOlder, resolvedNewer]) == .append(conversationID: 1, reason: .subject, reopen: true, flag: nil))
        // On a tie the service's newest-first order stands.
        #expect(decide([T.conversation(5), T.conversation(6)]) == .append(conversationID: 5, reason: .subject, reopen: false, flag: nil))
    }

    @Test("a resolved conversation a week old is joined and reopened")
    func reopens() {
        #expect(
            decide([T.conversation(1, status: .resolved, age: 7 * T.day)])
                == .append(conversationID: 1, reason: .subject, reopen: true, flag: nil))
    }

    @Test("an empty subject matches nothing")
    func emptySubject() {
        #expect(decide([T.conversation(1, subject: "")], mail: T.mail(subject: "")) == .startNew(flag: nil))
    }

    @Test("only the sender customer's conversations with the very same subject qualify")
    func sameCustomerSameSubject() {
        // Another customer's conversation passed by mistake is not joined.
        #expect(decide([T.conversation(1, customer: 8)]) == .startNew(flag: nil))
        #expect(decide([T.conversation(1, customer: nil)]) == .startNew(flag: nil))
        // A sender without a customer record owns no conversation.
        #expect(decide([T.conversation(1, customer: nil)], mail: T.mail(customer: nil)) == .startNew(flag: nil))
        #expect(decide([T.conversation(1, subject: "gdzie jest moja paczka")]) == .startNew(flag: nil))
        #expect(
            decide([T.conversation(1, customer: 8), T.conversation(2)])
                == .append(conversationID: 2, reason: .subject, reopen: false, flag: nil))
    }
}

import Foundation
import ParleyCore
import Testing

@Suite("Threading policy")
struct ThreadingPolicyTests {
    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    static let day: TimeInterval = 86400
    let policy = ThreadingPolicy()

    /// Zofia (customer 7) asking "gdzie jest moja paczka?".
    static func mail(
        from sender: String = "zofia@gmail.com", customer: Int64? = 7, machine: MachineSender.Kind? = nil,
        subject: String = "gdzie jest moja paczka?"
    ) -> IncomingMail {
        IncomingMail(sender: sender, senderCustomerID: customer, machine: machine, normalizedSubject: subject, receivedAt: now)
    }

    /// Conversation `id`, Zofia's unless told otherwise.
    static func conversation(
        _ id: Int64, customer: Int64? = 7, participants: Set<String> = ["zofia@gmail.com", "sklep@kubki.example"],
        status: ConversationStatus = .open, subject: String = "gdzie jest moja paczka?", age: TimeInterval = day, mergedInto: Int64? = nil
    ) -> ThreadCandidate {
        ThreadCandidate(
            conversationID: id, customerID: customer, participants: participants, status: status, normalizedSubject: subject,
            lastMessageAt: now.addingTimeInterval(-age), mergedIntoID: mergedInto)
    }

    @Test("the rules apply in order: reply address, headers, shared references, subject token, subject")
    func ordering() {
        let all = ThreadingEvidence(
            byReplyAddress: Self.conversation(1), byHeaders: [Self.conversation(2)], bySharedReference: [Self.conversation(8)],
            bySubjectToken: Self.conversation(3), bySubject: [Self.conversation(4)])
        #expect(policy.decide(Self.mail(), evidence: all) == .append(conversationID: 1, reason: .replyAddress, reopen: false, flag: nil))
        var evidence = all
        evidence.byReplyAddress = nil
        #expect(policy.decide(Self.mail(), evidence: evidence) == .append(conversationID: 2, reason: .inReplyTo, reopen: false, flag: nil))
        evidence.byHeaders = []
        #expect(
            policy.decide(Self.mail(), evidence: evidence) == .append(conversationID: 8, reason: .sharedReference, reopen: false, flag: nil)
        )
        evidence.bySharedReference = []
        #expect(
            policy.decide(Self.mail(), evidence: evidence) == .append(conversationID: 3, reason: .subjectToken, reopen: false, flag: nil))
        evidence.bySubjectToken = nil
        #expect(policy.decide(Self.mail(), evidence: evidence) == .append(conversationID: 4, reason: .subject, reopen: false, flag: nil))
        evidence.bySubject = []
        #expect(policy.decide(Self.mail(), evidence: evidence) == .startNew(flag: nil))
        #expect(policy.decide(Self.mail(), evidence: evidence).reason == .new)
    }

    @Test("headers: the first usable conversation in the order given wins")
    func headerOrder() {
        let evidence = ThreadingEvidence(byHeaders: [Self.conversation(5, mergedInto: 9), Self.conversation(6), Self.conversation(7)])
        #expect(policy.decide(Self.mail(), evidence: evidence) == .append(conversationID: 6, reason: .inReplyTo, reopen: false, flag: nil))
    }

    @Test("a merged-away conversation is skipped and the next rule decides")
    func mergedAway() {
        let evidence = ThreadingEvidence(
            byReplyAddress: Self.conversation(1, mergedInto: 9), byHeaders: [Self.conversation(2, mergedInto: 9)],
            bySubjectToken: Self.conversation(3, mergedInto: 9), bySubject: [Self.conversation(4, mergedInto: 9), Self.conversation(5)])
        #expect(policy.decide(Self.mail(), evidence: evidence) == .append(conversationID: 5, reason: .subject, reopen: false, flag: nil))
    }

    @Test("a stranger by reply address or headers joins, flagged for the agent")
    func strangerByCapability() {
        let husband = Self.mail(from: "jan@onet.pl", customer: 8)
        let byAddress = ThreadingEvidence(byReplyAddress: Self.conversation(1))
        #expect(
            policy.decide(husband, evidence: byAddress)
                == .append(conversationID: 1, reason: .replyAddress, reopen: false, flag: .unknownSender(conversationID: 1)))
        let byHeaders = ThreadingEvidence(byHeaders: [Self.conversation(2, status: .resolved)])
        #expect(
            policy.decide(husband, evidence: byHeaders)
                == .append(conversationID: 2, reason: .inReplyTo, reopen: true, flag: .unknownSender(conversationID: 2)))
    }

    @Test("a stranger typing [#N] opens a new conversation, flagged with the one it named")
    func strangerByToken() {
        let evidence = ThreadingEvidence(bySubjectToken: Self.conversation(42), bySubject: [Self.conversation(4, customer: 8)])
        #expect(
            policy.decide(Self.mail(from: "obcy@wp.pl", customer: 8), evidence: evidence)
                == .startNew(flag: .unknownSender(conversationID: 42)))
        #expect(
            policy.decide(Self.mail(from: "obcy@wp.pl", customer: nil), evidence: evidence)
                == .startNew(flag: .unknownSender(conversationID: 42)))
    }

    @Test("known is the conversation's customer or any participant, in any case")
    func knownSenders() {
        let token = { (candidate: ThreadCandidate) in ThreadingEvidence(bySubjectToken: candidate) }
        let joined = ThreadingDecision.append(conversationID: 1, reason: .subjectToken, reopen: false, flag: nil)
        // Zofia from a second address of her customer record.
        #expect(policy.decide(Self.mail(from: "zofia@firma.pl"), evidence: token(Self.conversation(1))) == joined)
        // A colleague she copied, not a customer at all.
        let cc = Self.conversation(1, participants: ["zofia@gmail.com", "Anna@Firma.pl"])
        #expect(policy.decide(Self.mail(from: "anna@firma.pl", customer: nil), evidence: token(cc)) == joined)
        #expect(policy.decide(Self.mail(from: "ANNA@firma.pl", customer: nil), evidence: token(cc)) == joined)
        // No customer on either side is not a match of customers.
        let anonymous = Self.conversation(1, customer: nil, participants: [])
        #expect(policy.decide(Self.mail(customer: nil), evidence: token(anonymous)) == .startNew(flag: .unknownSender(conversationID: 1)))
    }

    @Test("a person's message reopens a resolved conversation; a machine's does not")
    func reopening() {
        for status in ConversationStatus.allCases {
            let evidence = ThreadingEvidence(byReplyAddress: Self.conversation(1, status: status))
            #expect(
                policy.decide(Self.mail(), evidence: evidence)
                    == .append(conversationID: 1, reason: .replyAddress, reopen: status == .resolved, flag: nil))
            for kind in MachineSender.Kind.allCases {
                #expect(
                    policy.decide(Self.mail(machine: kind), evidence: evidence)
                        == .append(conversationID: 1, reason: .replyAddress, reopen: false, flag: nil))
            }
        }
    }

    @Test("machines never thread by subject; by headers they join unflagged and without reopening")
    func machines() {
        let bySubject = ThreadingEvidence(bySubject: [Self.conversation(4)])
        for kind in MachineSender.Kind.allCases {
            #expect(policy.decide(Self.mail(machine: kind), evidence: bySubject) == .startNew(flag: nil))
            let bounce = ThreadingEvidence(byHeaders: [Self.conversation(2, status: .resolved)], bySubject: [Self.conversation(4)])
            #expect(
                policy.decide(Self.mail(from: "mailer-daemon@mx.example", customer: nil, machine: kind), evidence: bounce)
                    == .append(conversationID: 2, reason: .inReplyTo, reopen: false, flag: nil))
            // A guessable [#N] is no evidence from a stranger, machine or not.
            let token = ThreadingEvidence(bySubjectToken: Self.conversation(42))
            #expect(
                policy.decide(Self.mail(from: "noreply@x.pl", customer: nil, machine: kind), evidence: token)
                    == .startNew(flag: .unknownSender(conversationID: 42)))
        }
    }
}

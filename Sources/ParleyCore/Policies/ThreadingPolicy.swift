import Foundation

/// Decides which conversation an incoming email belongs to (docs/threading.md).
///
/// The rules apply in order, each only when the ones before found nothing usable; a merged-away
/// conversation is never usable.
/// 1. **Reply address** (`replyAddress`): the strongest evidence, a capability only recipients of
///    Parley's mail know.
/// 2. **In-Reply-To, then References** (`inReplyTo`): the first usable conversation, in the order given.
/// 3. **Shared references** (`sharedReference`): earlier mail that names this one, or names a message
///    this one names too; the oldest usable conversation. So the conversations do not depend on the
///    order mail arrives or is filed in: a reply filed before its original still meets it.
/// 4. **`[#N]` in the subject** (`subjectToken`).
/// 5. **Same customer, same subject** (`subject`): only a person's mail (``MachineSender/mayThreadBySubject(kind:)``)
///    with a non-empty normalized subject, into a conversation of the same customer whose last
///    message is at most ``subjectWindow`` old; an unresolved one before a resolved one, then the
///    newest.
///
/// **Strangers.** A sender who is neither the conversation's customer nor a participant:
/// - by reply address, headers or shared references still joins, flagged ``ThreadingFlag/unknownSender(conversationID:)``.
///   Both kinds of evidence come from holding Parley's own mail, which is how a colleague the
///   customer copied, or a spouse it was forwarded to, answers; refusing them would split the
///   thread, so the agent confirms instead. A machine (a bounce or out-of-office of someone copied)
///   is not flagged: it is filed as a machine's message and nobody needs to confirm it.
/// - by `[#N]` alone starts a new conversation, flagged with the conversation it named. Ticket numbers
///   are short and guessable: joining would let anyone inject mail into someone else's ticket (and
///   read the answer). The agent can merge it when it belongs.
///
/// **Reopening.** A match on a resolved conversation reopens it, also for a flagged stranger (the
/// agent must see the flag), but never for a machine: an out-of-office answer or a bounce is filed
/// without waking a closed ticket. Waking `pending` and `snoozed` conversations is the status rule of
/// the service, not a threading decision.
public struct ThreadingPolicy: Sendable {
    /// How long after a conversation's last message a new email with the same subject still joins it.
    public var subjectWindow: TimeInterval

    /// A policy; the window defaults to 14 days.
    public init(subjectWindow: TimeInterval = 14 * 86400) {
        self.subjectWindow = subjectWindow
    }

    /// The conversation `mail` joins, or a new one.
    public func decide(_ mail: IncomingMail, evidence: ThreadingEvidence) -> ThreadingDecision {
        if let candidate = evidence.byReplyAddress, candidate.mergedIntoID == nil {
            return append(mail, to: candidate, reason: .replyAddress)
        }
        if let candidate = evidence.byHeaders.first(where: { $0.mergedIntoID == nil }) {
            return append(mail, to: candidate, reason: .inReplyTo)
        }
        if let candidate = evidence.bySharedReference.first(where: { $0.mergedIntoID == nil }) {
            return append(mail, to: candidate, reason: .sharedReference)
        }
        if let candidate = evidence.bySubjectToken, candidate.mergedIntoID == nil {
            guard Self.isKnown(mail, in: candidate) else {
                return .startNew(flag: .unknownSender(conversationID: candidate.conversationID))
            }
            return append(mail, to: candidate, reason: .subjectToken)
        }
        if let candidate = subjectMatch(mail, among: evidence.bySubject) {
            return append(mail, to: candidate, reason: .subject)
        }
        return .startNew(flag: nil)
    }

    private func append(_ mail: IncomingMail, to candidate: ThreadCandidate, reason: ThreadingReason) -> ThreadingDecision {
        let unflagged = mail.machine != nil || Self.isKnown(mail, in: candidate)
        return .append(
            conversationID: candidate.conversationID, reason: reason, reopen: candidate.status == .resolved && mail.machine == nil,
            flag: unflagged ? nil : .unknownSender(conversationID: candidate.conversationID))
    }

    private func subjectMatch(_ mail: IncomingMail, among candidates: [ThreadCandidate]) -> ThreadCandidate? {
        guard MachineSender.mayThreadBySubject(kind: mail.machine), !mail.normalizedSubject.isEmpty,
            let customer = mail.senderCustomerID
        else { return nil }
        // The service already filtered these; checking again keeps a lookup mistake from gluing
        // another customer's mail onto a conversation.
        let usable = candidates.filter { candidate in
            candidate.mergedIntoID == nil && candidate.customerID == customer && candidate.normalizedSubject == mail.normalizedSubject
                && mail.receivedAt.timeIntervalSince(candidate.lastMessageAt) <= subjectWindow
        }
        let unresolved = usable.filter { $0.status != .resolved }
        let preferred = unresolved.isEmpty ? usable : unresolved
        // max(by:) keeps the first of equals, so ties keep the service's (newest-first) order.
        return preferred.max { $0.lastMessageAt < $1.lastMessageAt }
    }

    /// Whether the sender is the conversation's customer or one of its participants.
    private static func isKnown(_ mail: IncomingMail, in candidate: ThreadCandidate) -> Bool {
        if let customer = mail.senderCustomerID, customer == candidate.customerID { return true }
        let sender = mail.sender.lowercased()
        return candidate.participants.contains { $0.lowercased() == sender }
    }
}

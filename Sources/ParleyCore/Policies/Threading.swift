import Foundation

/// A conversation that an incoming email might belong to, as the service found it.
public struct ThreadCandidate: Sendable, Equatable {
    public var conversationID: Int64
    public var customerID: Int64?
    /// Lower-cased addr-specs of everyone who wrote or was written to in the conversation.
    public var participants: Set<String>
    public var status: ConversationStatus
    /// ``SubjectLine/normalized(_:)`` of the conversation's subject.
    public var normalizedSubject: String
    public var lastMessageAt: Date
    /// Set when the conversation was merged away. The service resolves merges before asking, so this
    /// is a guard: a merged-away conversation never receives mail.
    public var mergedIntoID: Int64?

    /// A candidate conversation.
    public init(
        conversationID: Int64, customerID: Int64?, participants: Set<String>, status: ConversationStatus, normalizedSubject: String,
        lastMessageAt: Date, mergedIntoID: Int64? = nil
    ) {
        self.conversationID = conversationID
        self.customerID = customerID
        self.participants = participants
        self.status = status
        self.normalizedSubject = normalizedSubject
        self.lastMessageAt = lastMessageAt
        self.mergedIntoID = mergedIntoID
    }
}

/// The facts of an incoming email that threading needs.
public struct IncomingMail: Sendable, Equatable {
    /// The lower-cased addr-spec of From.
    public var sender: String
    /// The customer that address belongs to, if any.
    public var senderCustomerID: Int64?
    /// What ``MachineSender/classify(returnPath:from:headers:contentType:)`` said; `nil` for a person.
    public var machine: MachineSender.Kind?
    /// ``SubjectLine/normalized(_:)`` of the subject.
    public var normalizedSubject: String
    public var receivedAt: Date

    /// An incoming email's facts.
    public init(sender: String, senderCustomerID: Int64?, machine: MachineSender.Kind?, normalizedSubject: String, receivedAt: Date) {
        self.sender = sender
        self.senderCustomerID = senderCustomerID
        self.machine = machine
        self.normalizedSubject = normalizedSubject
        self.receivedAt = receivedAt
    }
}

/// The conversations each threading rule points to; the service looks them up, the policy decides.
public struct ThreadingEvidence: Sendable, Equatable {
    /// The conversation whose reply address (`support+TOKEN@`, a Parley-issued unguessable token) the
    /// mail was sent to.
    public var byReplyAddress: ThreadCandidate?
    /// Conversations of the messages named in In-Reply-To, then References (most recent reference
    /// first), without duplicates.
    public var byHeaders: [ThreadCandidate]
    /// Conversations of earlier mail that names this mail's Message-ID, or a message this mail names,
    /// in its own In-Reply-To or References, oldest conversation first: a reply filed before the
    /// message it answers, or two answers to a message Parley never saw.
    public var bySharedReference: [ThreadCandidate]
    /// The conversation whose number is the `[#N]` in the subject.
    public var bySubjectToken: ThreadCandidate?
    /// The sender customer's conversations with the same normalized subject, newest first.
    public var bySubject: [ThreadCandidate]

    /// Evidence; rules with nothing found are left out.
    public init(
        byReplyAddress: ThreadCandidate? = nil, byHeaders: [ThreadCandidate] = [], bySharedReference: [ThreadCandidate] = [],
        bySubjectToken: ThreadCandidate? = nil, bySubject: [ThreadCandidate] = []
    ) {
        self.byReplyAddress = byReplyAddress
        self.byHeaders = byHeaders
        self.bySharedReference = bySharedReference
        self.bySubjectToken = bySubjectToken
        self.bySubject = bySubject
    }
}

/// Which rule placed a message; stored with the message so an agent can see why it is where it is.
public enum ThreadingReason: String, Sendable, Codable, CaseIterable {
    case replyAddress, inReplyTo, sharedReference, subjectToken, subject, new
}

/// Something about a threading decision that an agent should confirm.
public enum ThreadingFlag: Sendable, Equatable {
    /// The mail pointed at this conversation (reply address, headers or `[#N]`) but its sender is
    /// neither the conversation's customer nor one of its participants.
    case unknownSender(conversationID: Int64)
}

/// Where an incoming email goes.
public enum ThreadingDecision: Sendable, Equatable {
    /// Add the message to an existing conversation; `reopen` when it was resolved and a person wrote.
    case append(conversationID: Int64, reason: ThreadingReason, reopen: Bool, flag: ThreadingFlag?)
    /// Open a new conversation, possibly flagged (looked like `#N` but came from a stranger).
    case startNew(flag: ThreadingFlag?)

    /// The rule that decided, `.new` for a new conversation.
    public var reason: ThreadingReason {
        switch self {
        case .append(_, let reason, _, _): return reason
        case .startNew: return .new
        }
    }
}

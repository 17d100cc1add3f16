import Foundation

/// One thread between a shop and a customer about one matter, on any channel.
public struct Conversation: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    /// The shop's own ticket number, shown as `[#N]` in email subjects.
    public let number: Int64
    /// The opaque id used outside (API, reply addresses).
    public let publicID: String
    /// The capability in the conversation's reply address (`support+TOKEN@shop.example`): lower case,
    /// because mail servers may fold the case of local parts.
    public let replyToken: String
    public var customerID: Int64?
    public var channel: ConversationChannel
    public var subject: String
    /// Changed by ``setStatus(_:at:snoozedUntil:)``, which keeps the SLA clocks in step.
    public private(set) var status: ConversationStatus
    /// Changed by ``setPriority(_:at:policy:)``, which times the SLA targets again.
    public private(set) var priority: ConversationPriority
    public var assigneeID: Int64?
    public var team: String?
    public private(set) var snoozedUntil: Date?
    /// The SLA clocks, once the shop has a policy and the customer has written.
    public private(set) var sla: SLAClock?
    /// Set when this conversation was merged into another; its messages then live there.
    public var mergedIntoID: Int64?
    public let createdAt: Date
    public var updatedAt: Date
    public var lastMessageAt: Date

    public init(
        id: Int64, shopID: ShopID, number: Int64, publicID: String, replyToken: String, customerID: Int64?, channel: ConversationChannel,
        subject: String, status: ConversationStatus, priority: ConversationPriority, assigneeID: Int64?, team: String?,
        snoozedUntil: Date?, mergedIntoID: Int64?, createdAt: Date, updatedAt: Date, lastMessageAt: Date, sla: SLAClock? = nil
    ) {
        self.id = id
        self.shopID = shopID
        self.number = number
        self.publicID = publicID
        self.replyToken = replyToken
        self.customerID = customerID
        self.channel = channel
        self.subject = subject
        self.status = status
        self.priority = priority
        self.assigneeID = assigneeID
        self.team = team
        self.snoozedUntil = snoozedUntil
        self.mergedIntoID = mergedIntoID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.lastMessageAt = lastMessageAt
        self.sla = sla
    }
}

extension Conversation {
    /// Moves to `status` at `instant`: the SLA clocks pause, resume or stop with it, and a snooze
    /// time is kept only while snoozed.
    public mutating func setStatus(_ status: ConversationStatus, at instant: Date, snoozedUntil until: Date? = nil) {
        snoozedUntil = status == .snoozed ? until : nil
        guard status != self.status else { return }
        self.status = status
        sla?.statusChanged(to: status, at: instant)
    }

    /// Puts back the status and SLA clocks saved before a merge that is being undone; deadlines that
    /// passed meanwhile are breaches the next sweep records. A snooze is not put back: the
    /// conversation returns open, where the agent undoing the merge sees it.
    public mutating func restore(status: ConversationStatus, sla: SLAClock?) {
        self.status = status == .snoozed ? .open : status
        self.sla = sla
        snoozedUntil = nil
    }

    /// A customer's message arrived at `instant`: the response and resolution clocks start under
    /// `policy` unless clocks already run under the policy they started with.
    public mutating func customerWrote(at instant: Date, policy: SLAPolicy?) {
        if sla == nil, let policy { sla = SLAClock(policy: policy) }
        sla?.customerWrote(at: instant)
    }

    /// The priority changed at `instant`: running SLA targets are timed again by `policy`, the one
    /// for the new priority (`nil` when it tracks nothing).
    public mutating func setPriority(_ priority: ConversationPriority, at instant: Date, policy: SLAPolicy?) {
        self.priority = priority
        guard var clock = sla else { return }
        clock.adopt(policy ?? SLAPolicy(businessHours: clock.policy.businessHours), at: instant)
        sla = clock
    }

    /// The shop answered at `instant`: the running response clock stops.
    public mutating func shopReplied(at instant: Date) {
        sla?.agentReplied(at: instant)
    }

    /// Records the SLA targets breached by `now` and returns them, each once.
    public mutating func markSLABreaches(at now: Date) -> [SLAClock.Target] {
        sla?.markBreaches(at: now) ?? []
    }
}

extension ContactPressure.Reason {
    /// A stable word for the reason, for the API and storage: `quiet_hours`, `cap:2/day`.
    public var code: String {
        switch self {
        case .noMarketingConsent: "no_marketing_consent"
        case .topicOff: "topic_off"
        case .paused: "paused"
        case .supportConversationOpen: "support_conversation_open"
        case .recentOrderUpdate: "recent_order_update"
        case .minimumGap: "minimum_gap"
        case .cap(let cap): "cap:\(cap.limit)/\(cap.period.rawValue)"
        case .chosenFrequency(let cap): "chosen_frequency:\(cap.limit)/\(cap.period.rawValue)"
        case .quietHours: "quiet_hours"
        }
    }

    /// The reason its `code` names, or nil for a word this version does not know.
    public init?(code: String) {
        let parts = code.split(separator: ":", maxSplits: 1).map(String.init)
        func cap() -> ContactPressure.Cap? {
            guard parts.count == 2 else { return nil }
            let sides = parts[1].split(separator: "/")
            guard sides.count == 2, let limit = Int(sides[0]), let period = ContactPressure.Period(rawValue: String(sides[1])) else {
                return nil
            }
            return ContactPressure.Cap(limit, per: period)
        }
        switch parts[0] {
        case "no_marketing_consent": self = .noMarketingConsent
        case "topic_off": self = .topicOff
        case "paused": self = .paused
        case "support_conversation_open": self = .supportConversationOpen
        case "recent_order_update": self = .recentOrderUpdate
        case "minimum_gap": self = .minimumGap
        case "cap": guard let cap = cap() else { return nil }; self = .cap(cap)
        case "chosen_frequency": guard let cap = cap() else { return nil }; self = .chosenFrequency(cap)
        case "quiet_hours": self = .quietHours
        default: return nil
        }
    }

    /// The reason as staff read it in English (the API's `detail`; pages say it in their own language).
    public var sentence: String {
        switch self {
        case .noMarketingConsent: "the customer has not allowed marketing on this channel"
        case .topicOff: "the customer turned this kind of marketing off"
        case .paused: "the customer paused marketing"
        case .supportConversationOpen: "the customer has a support conversation open"
        case .recentOrderUpdate: "an order update went to the customer lately"
        case .minimumGap: "another message went to the customer shortly before"
        case .cap(let cap): "the shop's cap of \(cap.limit) marketing messages a \(cap.period.rawValue) is reached"
        case .chosenFrequency(let cap): "the customer chose at most \(cap.limit) a \(cap.period.rawValue)"
        case .quietHours: "it is night where the customer lives"
        }
    }
}

extension ContactPressure.Kind {
    /// What a message is for, from its topic: `marketing.*` is marketing, `order.*` an order update,
    /// anything else (a reply, an acknowledgement, an answer) support.
    public init(topic: String) {
        if topic.hasPrefix("marketing.") {
            self = .marketing
        } else if topic.hasPrefix("order.") {
            self = .orderUpdate
        } else {
            self = .support
        }
    }
}

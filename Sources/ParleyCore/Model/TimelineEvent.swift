import Foundation

/// One thing that happened with a customer, shown beside every conversation with them.
public struct TimelineEvent: Sendable, Equatable {
    /// What happened; dotted names so later capabilities add their own (`order.paid`, `message.sent`).
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let customerCreated = Kind(rawValue: "customer.created")
        public static let customerUpdated = Kind(rawValue: "customer.updated")
        public static let identityAdded = Kind(rawValue: "identity.added")
        public static let consentChanged = Kind(rawValue: "consent.changed")
        public static let preferencesChanged = Kind(rawValue: "preferences.changed")
        public static let checkoutStarted = Kind(rawValue: "checkout.started")
        public static let orderPlaced = Kind(rawValue: "order.placed")
    }

    public let id: Int64
    public var kind: Kind
    public var occurredAt: Date
    /// One line a person can read, in English; the agent UI localises by `kind` and `data`.
    public var summary: String
    public var data: [String: String]

    public init(id: Int64, kind: Kind, occurredAt: Date, summary: String, data: [String: String]) {
        self.id = id
        self.kind = kind
        self.occurredAt = occurredAt
        self.summary = summary
        self.data = data
    }
}

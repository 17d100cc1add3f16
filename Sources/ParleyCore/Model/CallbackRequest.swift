import Foundation

/// A customer's request to be called back in a time window they picked, waiting in the shop's
/// callback queue until an agent logs a call that settles it.
public struct CallbackRequest: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        /// In the queue: nobody has reached the customer yet.
        case waiting
        /// An agent called and the matter is settled.
        case done
        /// Withdrawn by an agent (the customer wrote instead, a wrong number).
        case cancelled
    }

    public let id: Int64
    public let shopID: ShopID
    /// The opaque id used outside: `cbk_…`.
    public let publicID: String
    public let conversationID: Int64
    public let customerID: Int64?
    public var phone: String
    public var window: DateInterval
    /// The customer's own time zone, to say the window in their time.
    public var timeZone: String
    public var note: String?
    public var status: Status
    /// Calls made that did not reach the customer.
    public var attempts: Int
    public let createdAt: Date
    public var updatedAt: Date

    public init(
        id: Int64, shopID: ShopID, publicID: String, conversationID: Int64, customerID: Int64?, phone: String, window: DateInterval,
        timeZone: String, note: String?, status: Status, attempts: Int, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.conversationID = conversationID
        self.customerID = customerID
        self.phone = phone
        self.window = window
        self.timeZone = timeZone
        self.note = note
        self.status = status
        self.attempts = attempts
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

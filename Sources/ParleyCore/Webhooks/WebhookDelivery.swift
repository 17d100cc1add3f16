import Foundation

/// One event on its way to one webhook, with how its attempts went.
public struct WebhookDelivery: Sendable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Waiting for its first or next attempt.
        case pending
        case delivered
        /// Every attempt failed, or the webhook was disabled or deleted before it could be sent.
        case failed
    }

    public let id: Int64
    public let publicID: String
    public let shopID: ShopID
    public let endpointID: Int64
    /// The event's id (`evt_…`), the same for every webhook it goes to and every attempt: the
    /// `webhook-id` header, by which a receiver skips an event it has already handled.
    public let eventID: String
    public let eventType: WebhookEventType
    /// The JSON body, fixed when the event happened.
    public let payload: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public let createdAt: Date
    public var deliveredAt: Date?

    public init(
        id: Int64, publicID: String, shopID: ShopID, endpointID: Int64, eventID: String, eventType: WebhookEventType, payload: String,
        status: Status, attempts: Int, nextAttemptAt: Date?, lastError: String?, createdAt: Date, deliveredAt: Date?
    ) {
        self.id = id
        self.publicID = publicID
        self.shopID = shopID
        self.endpointID = endpointID
        self.eventID = eventID
        self.eventType = eventType
        self.payload = payload
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}

/// One try at sending a delivery: what the receiver answered, or why it could not be reached.
public struct WebhookAttempt: Sendable, Equatable {
    public let attemptedAt: Date
    /// The HTTP status, when the receiver answered.
    public let statusCode: Int?
    /// The start of the receiver's answer (at most 2 KiB), for the delivery log.
    public let response: String?
    /// Why it failed, when it did.
    public let error: String?
    public let duration: Duration

    public init(attemptedAt: Date, statusCode: Int?, response: String?, error: String?, duration: Duration) {
        self.attemptedAt = attemptedAt
        self.statusCode = statusCode
        self.response = response
        self.error = error
        self.duration = duration
    }

    public var succeeded: Bool { error == nil && statusCode.map { (200..<300).contains($0) } == true }
}

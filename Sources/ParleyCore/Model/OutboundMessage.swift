import Foundation

/// A message Parley sends to a customer, on one channel, with its delivery state.
@dynamicMemberLookup
public struct OutboundMessage: Sendable, Equatable {
    public let id: Int64
    public let shopID: ShopID
    public let publicID: String
    /// What it says, to whom and about what; its fields read as the message's own (`message.recipient`).
    public let content: NewMessage
    public var status: MessageStatus
    public var attempts: Int
    public var lastError: String?
    public var providerMessageID: String?
    public var providerResponse: String?
    public let createdAt: Date
    public var sentAt: Date?
    public var updatedAt: Date
    /// The shop setting a queued message waits for, after the shop's configuration kept it from going out.
    public var waitingForSetting: String?
    /// Until when the contact-pressure budget holds the message back, and why (the last hold).
    public var heldUntil: Date?
    public var heldBecause: [ContactPressure.Reason]

    public init(
        id: Int64, shopID: ShopID, publicID: String, content: NewMessage, status: MessageStatus, attempts: Int, lastError: String?,
        providerMessageID: String?, providerResponse: String?, createdAt: Date, sentAt: Date?, updatedAt: Date,
        waitingForSetting: String? = nil, heldUntil: Date? = nil, heldBecause: [ContactPressure.Reason] = []
    ) {
        self.id = id
        self.shopID = shopID
        self.publicID = publicID
        self.content = content
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.providerMessageID = providerMessageID
        self.providerResponse = providerResponse
        self.createdAt = createdAt
        self.sentAt = sentAt
        self.updatedAt = updatedAt
        self.waitingForSetting = waitingForSetting
        self.heldUntil = heldUntil
        self.heldBecause = heldBecause
    }

    public subscript<Value>(dynamicMember field: KeyPath<NewMessage, Value>) -> Value { content[keyPath: field] }
}

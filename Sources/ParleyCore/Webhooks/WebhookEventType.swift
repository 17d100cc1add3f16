/// What a shop's webhook can subscribe to. The names are the `type` of the JSON each delivery carries.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    case conversationCreated = "conversation.created"
    case conversationAssigned = "conversation.assigned"
    case conversationResolved = "conversation.resolved"
    /// Any message in a conversation: a customer's, an agent's, the assistant's or an internal note.
    case messageCreated = "message.created"
    /// An order update or reply the mail server or SMS provider took (`message.sent`) or refused for good.
    case messageSent = "message.sent"
    case messageDelivered = "message.delivered"
    case messageFailed = "message.failed"
    case orderStageReached = "order.stage_reached"
    case customerCreated = "customer.created"
    case consentChanged = "customer.consent_changed"
    /// Sent only when asked for ("send test event"), to the one webhook named, whatever it subscribes to.
    case test = "webhook.test"

    /// The events a shop may choose among (the test is sent only on request).
    public static let subscribable = allCases.filter { $0 != .test }
}

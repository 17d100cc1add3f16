import Foundation
import ParleyCore
import ParleyStore

/// The `data` of each event, in the API's field names, read inside the transaction that made the
/// change, so a delivery says what was true then.
enum WebhookData {
    struct CustomerData: Encodable {
        let id: String
        let name: String?
        let email: String?
        let phone: String?
        let locale: String?

        init(_ customer: Customer) {
            id = customer.publicID
            name = customer.name
            email = customer.identities.first { $0.kind == .email }?.value
            phone = customer.identities.first { $0.kind == .phone }?.value
            locale = customer.locale
        }
    }

    struct AgentData: Encodable {
        let id: Int64
        let name: String
        let email: String

        init(_ agent: Agent) {
            id = agent.id
            name = agent.name
            email = agent.email
        }
    }

    struct ConversationData: Encodable {
        let id: String
        let number: Int64
        let channel: String
        let status: String
        let priority: String
        let subject: String
        let team: String?
        let assignee: AgentData?
        let customer: CustomerData?
        let createdAt: Date
        let updatedAt: Date
    }

    struct MessageData: Encodable {
        let id: String
        let kind: String
        let channel: String
        /// An internal note between agents: never shown to the customer.
        let `internal`: Bool
        let sender: String?
        let subject: String?
        let text: String
        /// The agent who wrote it, for replies, notes and calls.
        let agent: AgentData?
        let createdAt: Date
    }

    struct ConversationEvent: Encodable {
        let conversation: ConversationData
    }

    struct MessageEvent: Encodable {
        let message: MessageData
        let conversation: ConversationData
    }

    static func conversation(_ conversation: Conversation, on session: DatabaseSession) async throws -> ConversationData {
        var customer: Customer?
        if let id = conversation.customerID { customer = try await CustomerRepository(session).find(shop: conversation.shopID, id: id) }
        var assignee: Agent?
        if let id = conversation.assigneeID { assignee = try await AgentRepository(session).find(shop: conversation.shopID, id: id) }
        return ConversationData(
            id: conversation.publicID, number: conversation.number, channel: conversation.channel.rawValue,
            status: conversation.status.rawValue, priority: conversation.priority.rawValue, subject: conversation.subject,
            team: conversation.team, assignee: assignee.map(AgentData.init), customer: customer.map(CustomerData.init),
            createdAt: conversation.createdAt, updatedAt: conversation.updatedAt)
    }

    static func message(_ message: ConversationMessage, on session: DatabaseSession) async throws -> MessageData {
        var agent: Agent?
        if let id = message.agentID { agent = try await AgentRepository(session).find(shop: message.shopID, id: id) }
        return MessageData(
            id: message.publicID, kind: message.kind.rawValue, channel: message.channel.rawValue, internal: message.kind == .note,
            sender: message.sender, subject: message.subject, text: message.text, agent: agent.map(AgentData.init),
            createdAt: message.createdAt)
    }

    struct OrderData: Encodable {
        let id: String
        let number: String
        let externalID: String?
        let stage: String
        let previousStage: String?
        let currency: String
        let totalMinor: Int64
        let carrier: String?
        let trackingNumber: String?
        let trackingURL: String?
        let placedAt: Date
    }

    struct OrderEvent: Encodable {
        let order: OrderData
        let customer: CustomerData?
    }

    /// `order` reached `stage` (from `previous`, nil for a new order), with the parcel the event brought.
    static func order(
        _ order: Order, stage: OrderStage, previous: OrderStage?, shipment: Shipment?, on session: DatabaseSession
    ) async throws -> OrderEvent {
        let parcel = shipment ?? order.shipment
        return OrderEvent(
            order: OrderData(
                id: order.publicID, number: order.number, externalID: order.externalID, stage: stage.rawValue,
                previousStage: previous?.rawValue, currency: order.currency, totalMinor: order.totalMinor, carrier: parcel?.carrier,
                trackingNumber: parcel?.trackingNumber, trackingURL: parcel?.trackingURL, placedAt: order.placedAt),
            customer: try await CustomerRepository(session).find(shop: order.shopID, id: order.customerID).map(CustomerData.init))
    }

    struct OutboundData: Encodable {
        let id: String
        let channel: String?
        /// What it was about: `order.shipped`, `reply`, `acknowledgement`…
        let topic: String
        let recipient: String?
        let subject: String?
        let status: String
        /// The mail server's or provider's words, or why it failed.
        let detail: String?
        let order: String?
        let createdAt: Date
    }

    struct OutboundEvent: Encodable {
        let message: OutboundData
        let customer: CustomerData?
    }

    static func outbound(_ message: OutboundMessage, status: MessageStatus, detail: String?, on session: DatabaseSession) async throws
        -> OutboundEvent
    {
        var order: Order?
        if let id = message.orderID { order = try await OrderRepository(session).find(shop: message.shopID, id: id) }
        return OutboundEvent(
            message: OutboundData(
                id: message.publicID, channel: message.channel?.rawValue, topic: message.topic, recipient: message.recipient,
                subject: message.subject, status: status.rawValue, detail: detail, order: order?.publicID, createdAt: message.createdAt),
            customer: try await CustomerRepository(session).find(shop: message.shopID, id: message.customerID).map(CustomerData.init))
    }

    struct CustomerEvent: Encodable {
        let customer: CustomerData
    }

    struct ConsentData: Encodable {
        let channel: String
        let purpose: String
        let status: String
        let source: String
        let recordedAt: Date
    }

    struct ConsentEvent: Encodable {
        let customer: CustomerData
        let consent: ConsentData
    }
}

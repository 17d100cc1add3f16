import Foundation
import ParleyCore

/// Tells agents' screens, live, what changed in a shop's inbox: on the `EventBus` topic
/// `shop:N:conversations`, a small JSON document naming the conversation (and message); screens
/// reload the rest from the API.
///
/// Delivery is best effort by the bus's contract, so a failed publish never undoes the stored
/// change it announces.
public struct InboxEvents: Sendable {
    /// What happened.
    public enum Kind: String, Sendable, Codable {
        case conversationCreated = "conversation.created"
        case conversationUpdated = "conversation.updated"
        case messageCreated = "message.created"
        case slaBreached = "sla.breached"
        /// A sender went over the hourly limit; their mail from now on is held (`email` is the first held).
        case emailHeld = "email.held"
        /// An agent has the conversation open (`detail` `viewing`) or is writing in it (`typing`); never stored.
        case presence = "agent.presence"
        /// The visitor in a live chat is writing; never stored.
        case visitorTyping = "visitor.typing"
        /// A callback request's window is about to open (`detail` is the request).
        case callbackDue = "callback.due"
    }

    /// The document a subscriber receives.
    public struct Payload: Sendable, Equatable, Codable {
        public var type: Kind
        public var conversation: String?
        public var message: String?
        /// A received email, for `email.held`.
        public var email: String?
        /// The SLA target for `sla.breached`; the sender for `email.held`; `viewing` or `typing` for presence.
        public var detail: String?
        /// The agent who acted, by id and name, for presence and for screens to skip their own changes.
        public var agent: Int64?
        public var agentName: String?

        public init(
            type: Kind, conversation: String?, message: String? = nil, email: String? = nil, detail: String? = nil, agent: Int64? = nil,
            agentName: String? = nil
        ) {
            self.type = type
            self.conversation = conversation
            self.message = message
            self.email = email
            self.detail = detail
            self.agent = agent
            self.agentName = agentName
        }
    }

    private let bus: any EventBus

    public init(bus: any EventBus) {
        self.bus = bus
    }

    /// The topic of one shop's inbox.
    public static func topic(shop: ShopID) -> String { "shop:\(shop.rawValue):conversations" }

    /// Announces a change already committed to the store.
    public func publish(_ kind: Kind, shop: ShopID, conversation: String, message: String? = nil, detail: String? = nil) async {
        await publish(Payload(type: kind, conversation: conversation, message: message, detail: detail), shop: shop)
    }

    /// Announces `payload`, a change already committed to the store.
    public func publish(_ payload: Payload, shop: ShopID) async {
        guard let json = try? SnakeCaseKeys.encoder().encode(payload) else { return }
        try? await bus.publish(BusEvent(topic: Self.topic(shop: shop), payload: String(decoding: json, as: UTF8.self)))
    }
}

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
    }

    /// The document a subscriber receives.
    public struct Payload: Sendable, Equatable, Codable {
        public var type: Kind
        public var conversation: String
        public var message: String?
        /// The SLA target for `sla.breached`.
        public var detail: String?
    }

    private let bus: any EventBus

    public init(bus: any EventBus) {
        self.bus = bus
    }

    /// The topic of one shop's inbox.
    public static func topic(shop: ShopID) -> String { "shop:\(shop.rawValue):conversations" }

    /// Announces a change already committed to the store.
    public func publish(_ kind: Kind, shop: ShopID, conversation: String, message: String? = nil, detail: String? = nil) async {
        let payload = Payload(type: kind, conversation: conversation, message: message, detail: detail)
        guard let json = try? JSONEncoder().encode(payload) else { return }
        try? await bus.publish(BusEvent(topic: Self.topic(shop: shop), payload: String(decoding: json, as: UTF8.self)))
    }
}

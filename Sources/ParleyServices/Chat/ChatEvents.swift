import Foundation
import ParleyCore

/// Tells the widgets showing a chat conversation, live, what happened in it: on the `EventBus`
/// topic `shop:N:chat:cnv_…`, a small JSON document. A widget reloads new messages from the store,
/// so a lost event delays a message until the next one but never loses it.
public struct ChatEvents: Sendable {
    public enum Kind: String, Sendable, Codable {
        /// Something new to show; the widget reads what follows its newest message.
        case message
        /// An agent is writing.
        case typing
        /// An agent read the conversation up to `message`.
        case read
        /// Who answers changed (`detail`: `assistant` or `person`).
        case handler
    }

    public struct Payload: Sendable, Equatable, Codable {
        public var type: Kind
        public var message: Int64?
        public var name: String?
        public var detail: String?

        public init(type: Kind, message: Int64? = nil, name: String? = nil, detail: String? = nil) {
            self.type = type
            self.message = message
            self.name = name
            self.detail = detail
        }
    }

    private let bus: any EventBus

    public init(bus: any EventBus) { self.bus = bus }

    public static func topic(shop: ShopID, conversation: String) -> String { "shop:\(shop.rawValue):chat:\(conversation)" }

    /// Announces `payload`, a change already committed to the store.
    public func publish(_ payload: Payload, shop: ShopID, conversation: String) async {
        guard let json = try? JSONEncoder().encode(payload) else { return }
        try? await bus.publish(
            BusEvent(topic: Self.topic(shop: shop, conversation: conversation), payload: String(decoding: json, as: UTF8.self)))
    }

    /// What the bus delivered for one conversation.
    public func subscribe(shop: ShopID, conversation: String) -> AsyncStream<Payload> {
        let (payloads, continuation) = AsyncStream.makeStream(of: Payload.self)
        bus.subscribe(topic: Self.topic(shop: shop, conversation: conversation), into: continuation) { event in
            try? Self.decoder.decode(Payload.self, from: Data(event.payload.utf8))
        }
        return payloads
    }

    private static let decoder = JSONDecoder()
}

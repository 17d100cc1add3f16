import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// What the agent inbox's scripts call while a page is open: the live event stream, presence
/// (viewing, typing) on a conversation, and the SMS part count as the agent types.
struct InboxLiveRoutes {
    let gate: AppGate
    let read: ReadConversations
    let bus: any EventBus
    /// Tells chat visitors whether a person is there, and relays typing to their widgets.
    let chat: LiveChat
    var keepAlive: Duration = .seconds(15)

    private var events: InboxEvents { InboxEvents(bus: bus) }

    struct PresenceForm: Decodable, CSRFProtected {
        let csrfToken: String?
        /// `viewing` or `typing`.
        let state: String?
    }

    struct SegmentsForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let text: String?
    }

    struct SegmentsResource: Encodable {
        let count: Int
        let remaining: Int
        let encoding: String
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/events") { request, _ in
            try await gate.page(request, forScripts: true, need: InboxRoutes.readers) { agent in
                // While the inbox is open the agent counts as online for the chat widget.
                EventStream.response(InboxEvents.topic(shop: agent.shop.id), on: bus, keepAlive: keepAlive) {
                    try? await chat.agentSeen(shop: agent.shop.id, agentID: agent.agent.id)
                }
            }
        }
        router.post("app/conversations/:id/presence") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, PresenceForm.self, forScripts: true, need: InboxRoutes.readers) {
                agent, form in
                // Only for a conversation of the agent's own shop, so presence never crosses shops.
                let conversation = try await read.conversation(shop: agent.shop.id, publicID: id).conversation
                if conversation.channel == .chat {
                    if form.state == "typing" {
                        await chat.agentTyping(shop: agent.shop.id, conversation: id, name: agent.agent.name)
                    } else {
                        await chat.agentRead(shop: agent.shop.id, conversation: conversation)
                    }
                }
                await events.publish(
                    InboxEvents.Payload(
                        type: .presence, conversation: id, detail: form.state == "typing" ? "typing" : "viewing", agent: agent.agent.id,
                        agentName: agent.agent.name),
                    shop: agent.shop.id)
                return Response(status: .noContent)
            }
        }
        // The reply box counts SMS parts as the agent types, by the same rules the sender uses.
        router.post("app/sms-segments") { request, context in
            try await gate.form(request, context: context, SegmentsForm.self, forScripts: true) { _, form in
                let segments = SMSSegments(form.text ?? "")
                return try APIJSON.response(
                    SegmentsResource(count: segments.count, remaining: segments.remaining, encoding: segments.encoding.rawValue))
            }
        }
    }
}

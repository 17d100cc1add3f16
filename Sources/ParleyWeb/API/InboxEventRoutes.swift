import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `GET /api/v1/events`: the shop's inbox changes, live, as Server-Sent Events — new conversations,
/// new messages, conversations back from snooze, SLA breaches — for agents' screens and tools.
///
/// Each event names the conversation; the listener reloads the rest from the API. Events are live
/// only: a listener that reconnects reloads lists.
struct InboxEventRoutes {
    let bus: any EventBus
    var keepAlive: Duration = .seconds(15)

    func register(on group: RouterGroup<ShopRequestContext>) {
        group.get("events") { _, context in
            EventStream.response(InboxEvents.topic(shop: context.shop), on: bus, keepAlive: keepAlive)
        }
    }
}

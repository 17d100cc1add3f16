import Foundation
import Hummingbird
import ParleyCore
import ParleyServices
import ParleyStore

/// `/app/outbox`: in the demo, every email and SMS Parley would have sent, as the customer would
/// have received it, like a mail catcher.
struct OutboxRoutes {
    let gate: AppGate
    let outbox: DemoOutbox
    let views: Views

    struct OutboxPageModel {
        struct Entry {
            let channel: String
            let recipient: String
            let subject: String?
            let body: String
            let raw: String?
            let age: String
            let exactTime: String
        }

        let entries: [Entry]
        let nextHref: String?
    }

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/outbox") { request, _ in
            try await gate.page(request, need: { $0.seesConversations && $0.outbox }) { agent in
                let texts = views.localizer.texts(agent.language)
                let cursor = request.uri.queryParameters["cursor"].map(String.init)
                let page = try await outbox.list(shop: agent.shop.id, cursor: cursor, limit: 50)
                let model = OutboxPageModel(
                    entries: page.items.map {
                        OutboxPageModel.Entry(
                            channel: texts["app.channels.\($0.channel.rawValue)"], recipient: $0.recipient, subject: $0.subject,
                            body: $0.body, raw: $0.raw.map { String(decoding: $0, as: UTF8.self) },
                            age: agent.format.relative($0.createdAt),
                            exactTime: agent.format.exact($0.createdAt))
                    },
                    nextHref: page.nextCursor.map { "/app/outbox?cursor=\($0)" })
                return views.app(.outbox, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "outbox"), model: model)
            }
        }
    }
}

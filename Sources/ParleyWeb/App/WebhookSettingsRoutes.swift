import Foundation
import Hummingbird
import ParleyCore
import ParleyServices

/// `/app/webhooks`, for owners and administrators: the URLs the shop's events are sent to, a test
/// event, the signing secret and its rotation, and each webhook's delivery log; and the messenger
/// channels (API channels) the shop's bridges connect.
struct WebhookSettingsRoutes {
    let gate: AppGate
    let webhooks: ManageWebhooks
    let channels: ApiChannels
    let views: Views
    let clock: any WallClock

    struct WebhookForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let url: String?
        let description: String?
        /// Event names, from checkboxes named `events[]`.
        let events: [String]?
    }

    struct ChannelForm: Decodable, CSRFProtected {
        let csrfToken: String?
        let name: String?
        let webhookURL: String?
    }

    struct ActionForm: Decodable, CSRFProtected {
        let csrfToken: String?
    }

    private static let managers = SettingsRoutes.managers

    func register(on router: Router<ParleyRequestContext>) {
        router.get("app/webhooks") { request, _ in
            try await gate.page(request, need: Self.managers) { agent in
                try await list(agent, notice: request.uri.queryParameters["done"].map(String.init))
            }
        }
        router.post("app/webhooks") { request, context in
            try await gate.form(request, context: context, WebhookForm.self, need: Self.managers) { agent, form in
                let changes = ManageWebhooks.Changes(url: form.url, description: form.description, events: form.events ?? [])
                do {
                    let created = try await webhooks.create(shop: agent.shop.id, changes, by: actor(agent))
                    return Response.redirect(to: "/app/webhooks/\(created.publicID)?done=created", type: .normal)
                } catch let error as InvalidInput {
                    return try await list(agent, form: form, error: SettingsProblem.text(error, form: "webhooks", texts: texts(agent)))
                } catch let error as WebhookError {
                    return try await list(agent, form: form, error: error.sentence)
                }
            }
        }
        router.get("app/webhooks/:id") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.page(request, need: Self.managers) { agent in
                try await detail(agent, id: id, notice: request.uri.queryParameters["done"].map(String.init))
            }
        }
        router.post("app/channels") { request, context in
            try await gate.form(request, context: context, ChannelForm.self, need: Self.managers) { agent, form in
                do {
                    _ = try await channels.create(
                        shop: agent.shop.id, name: form.name ?? "", webhookURL: form.webhookURL ?? "", by: actor(agent))
                } catch let error as InvalidInput {
                    return try await list(
                        agent, channelForm: form, channelError: SettingsProblem.text(error, form: "channels", texts: texts(agent)))
                }
                return Response.redirect(to: "/app/webhooks?done=channel#channels", type: .normal)
            }
        }
        router.post("app/channels/:id/rotate") { request, context in
            let id = try context.parameters.require("id")
            return try await gate.form(request, context: context, ActionForm.self, need: Self.managers) { agent, _ in
                _ = try await channels.rotateSecret(shop: agent.shop.id, publicID: id, by: actor(agent))
                return Response.redirect(to: "/app/webhooks?done=channelRotated#channels", type: .normal)
            }
        }
        for action in ["test", "rotate", "disable", "enable", "delete"] {
            router.post("app/webhooks/:id/\(action)") { request, context in
                let id = try context.parameters.require("id")
                return try await gate.form(request, context: context, ActionForm.self, need: Self.managers) { agent, _ in
                    try await perform(action, on: id, by: agent)
                }
            }
        }
    }

    private func perform(_ action: String, on id: String, by agent: SignedInAgent) async throws -> Response {
        let shop = agent.shop.id
        switch action {
        case "test": _ = try await webhooks.sendTest(shop: shop, publicID: id)
        case "rotate": _ = try await webhooks.rotateSecret(shop: shop, publicID: id, by: actor(agent))
        case "disable", "enable":
            _ = try await webhooks.update(shop: shop, publicID: id, .init(enabled: action == "enable"), by: actor(agent))
        default:
            try await webhooks.delete(shop: shop, publicID: id, by: actor(agent))
            return Response.redirect(to: "/app/webhooks?done=deleted", type: .normal)
        }
        return Response.redirect(to: "/app/webhooks/\(id)?done=\(action)", type: .normal)
    }

    private func actor(_ agent: SignedInAgent) -> AuditActor { AuditActor(.agent, name: agent.agent.email) }

    private func texts(_ agent: SignedInAgent) -> Texts { views.localizer.texts(agent.language) }

    private func list(
        _ agent: SignedInAgent, form: WebhookForm? = nil, error: String? = nil, channelForm: ChannelForm? = nil,
        channelError: String? = nil,
        notice: String? = nil
    ) async throws -> Response {
        let texts = texts(agent)
        let chosen = Set(form?.events ?? [WebhookEventType.messageCreated.rawValue])
        let rows = try await webhooks.list(shop: agent.shop.id).map {
            WebhookPageModel.Row($0, texts: texts, agent: agent, now: clock.now())
        }
        let model = WebhookPageModel(
            webhooks: rows, hasWebhooks: !rows.isEmpty,
            events: WebhookEventType.subscribable.map {
                WebhookPageModel.EventOption(
                    value: $0.rawValue, label: WebhookPageModel.label($0, texts), checked: chosen.contains($0.rawValue))
            },
            url: form?.url ?? "", description: form?.description ?? "", error: error,
            notice: notice.map { texts["app.webhooks.done.\($0)"] }, webhook: nil, deliveries: [],
            channels: try await channels.list(shop: agent.shop.id).map { WebhookPageModel.ChannelRow($0, now: clock.now(), agent: agent) },
            channelName: channelForm?.name ?? "", channelURL: channelForm?.webhookURL ?? "", channelError: channelError)
        return views.app(
            .webhooks, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "webhooks"), model: model,
            status: error == nil && channelError == nil ? .ok : .unprocessableContent)
    }

    private func detail(_ agent: SignedInAgent, id: String, notice: String?) async throws -> Response {
        let texts = texts(agent)
        let endpoint = try await webhooks.find(shop: agent.shop.id, publicID: id)
        let logged = try await webhooks.deliveries(shop: agent.shop.id, publicID: id, limit: 100)
        let model = WebhookPageModel(
            webhooks: [], hasWebhooks: false, events: [], url: "", description: "", error: nil,
            notice: notice.map { texts["app.webhooks.done.\($0)"] },
            webhook: WebhookPageModel.Row(endpoint, texts: texts, agent: agent, now: clock.now()),
            deliveries: logged.map { WebhookPageModel.Delivery($0, texts: texts, agent: agent) }, channels: [], channelName: "",
            channelURL: "", channelError: nil)
        return views.app(.webhook, agent: agent, chrome: AppChrome(agent: agent, texts: texts, active: "webhooks"), model: model)
    }
}

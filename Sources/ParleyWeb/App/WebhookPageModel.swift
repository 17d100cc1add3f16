import Foundation
import ParleyCore
import ParleyServices

/// What the webhook pages show: the list with the form to add one, or one webhook with its deliveries.
struct WebhookPageModel {
    struct EventOption {
        let value: String
        let label: String
        let checked: Bool
    }

    struct Row {
        let id: String
        let url: String
        let description: String
        let events: [String]
        let enabled: Bool
        let disabledReason: String?
        let secret: String
        /// The rotated-out secret while it still signs, with when it stops.
        let previousSecretUntil: String?
        let created: String

        init(_ endpoint: WebhookEndpoint, texts: Texts, agent: SignedInAgent, now: Date) {
            id = endpoint.publicID
            url = endpoint.url
            description = endpoint.description
            events = WebhookEventType.subscribable.filter(endpoint.events.contains).map { WebhookPageModel.label($0, texts) }
            enabled = endpoint.isEnabled
            disabledReason = endpoint.disabledReason
            secret = endpoint.secret
            previousSecretUntil = endpoint.previousSecretExpiresAt.flatMap { $0 > now ? agent.format.exact($0) : nil }
            created = agent.format.exact(endpoint.createdAt)
        }
    }

    struct Attempt {
        let when: String
        let outcome: String
        let response: String
        let duration: String
    }

    struct Delivery {
        let id: String
        let eventID: String
        let event: String
        let status: String
        let statusClass: String
        let when: String
        let exactTime: String
        let attempts: [Attempt]
        let attemptCount: String
        let next: String?
        let payload: String

        init(_ logged: ManageWebhooks.LoggedDelivery, texts: Texts, agent: SignedInAgent) {
            let delivery = logged.delivery
            id = delivery.publicID
            eventID = delivery.eventID
            event = delivery.eventType.rawValue
            status = texts["app.webhooks.status.\(delivery.status.rawValue)"]
            statusClass = delivery.status == .failed ? "failure" : delivery.status == .delivered ? "success" : "muted"
            when = agent.format.relative(delivery.createdAt)
            exactTime = agent.format.exact(delivery.createdAt)
            attempts = logged.attempts.map {
                Attempt(
                    when: agent.format.exact($0.attemptedAt), outcome: $0.statusCode.map { "HTTP \($0)" } ?? ($0.error ?? ""),
                    response: $0.response ?? "",
                    duration: texts.format("app.webhooks.milliseconds", ["ms": agent.format.number(Int($0.duration / .milliseconds(1)))]))
            }
            attemptCount = texts.plural("app.webhooks.attempts", logged.attempts.count, number: agent.format.number(logged.attempts.count))
            next = delivery.nextAttemptAt.map { texts.format("app.webhooks.nextAttempt", ["time": agent.format.exact($0)]) }
            payload = Self.pretty(delivery.payload)
        }

        static func pretty(_ json: String) -> String {
            guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)),
                let data = try? JSONSerialization.data(
                    withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            else { return json }
            return String(decoding: data, as: UTF8.self)
        }
    }

    let webhooks: [Row]
    let hasWebhooks: Bool
    let events: [EventOption]
    let url: String
    let description: String
    let error: String?
    let notice: String?
    /// The webhook of the detail page.
    let webhook: Row?
    let deliveries: [Delivery]

    /// A messenger channel, with what its bridge needs: its id, and the secret its replies are signed with.
    struct ChannelRow {
        let id: String
        let name: String
        let url: String
        let secret: String
        let previousSecretUntil: String?

        init(_ channel: ApiChannel, now: Date, agent: SignedInAgent) {
            id = channel.publicID
            name = channel.name
            url = channel.webhookURL
            secret = channel.secret
            previousSecretUntil = channel.previousSecretExpiresAt.flatMap { $0 > now ? agent.format.exact($0) : nil }
        }
    }

    let channels: [ChannelRow]
    let channelName: String
    let channelURL: String
    let channelError: String?

    /// "New message (message.created)" in the agent's language.
    static func label(_ event: WebhookEventType, _ texts: Texts) -> String {
        texts["app.webhooks.eventNames.\(event.rawValue.replacingOccurrences(of: ".", with: "_"))"]
    }
}

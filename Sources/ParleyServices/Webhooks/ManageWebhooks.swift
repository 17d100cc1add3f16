import Foundation
import ParleyCore
import ParleyStore

/// A shop's outgoing webhooks: subscribing URLs to events, rotating their secrets, disabling and
/// enabling them, a test event on request, and the delivery log.
public struct ManageWebhooks: Sendable {
    /// More would be a misuse (one URL can take every event): each event costs a delivery per webhook.
    public static let limit = 20
    /// How long a rotated-out secret still signs deliveries, beside the new one.
    public static let rotationGrace: TimeInterval = 24 * 3600

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let policy: NetworkAddressPolicy

    public init(database: ParleyDatabase, clock: any WallClock, policy: NetworkAddressPolicy = .init()) {
        self.database = database
        self.clock = clock
        self.policy = policy
    }

    /// What a webhook is asked to be: every field optional on a change.
    public struct Changes: Sendable {
        public var url: String?
        public var description: String?
        /// Event names (`message.created`); `*` stands for every event.
        public var events: [String]?
        /// false disables the webhook, true enables it again (clearing the reason it was disabled).
        public var enabled: Bool?

        public init(url: String? = nil, description: String? = nil, events: [String]? = nil, enabled: Bool? = nil) {
            self.url = url
            self.description = description
            self.events = events
            self.enabled = enabled
        }
    }

    public func list(shop: ShopID) async throws -> [WebhookEndpoint] {
        try await database.read { session in try await WebhookRepository(session).list(shop: shop) }
    }

    public func find(shop: ShopID, publicID: String) async throws -> WebhookEndpoint {
        try await database.read { session in try await Self.endpoint(shop: shop, publicID: publicID, on: session) }
    }

    /// Subscribes a URL; the answer carries the new secret, which signs every delivery.
    public func create(shop: ShopID, _ changes: Changes, by actor: AuditActor) async throws -> WebhookEndpoint {
        let url = try validatedURL(changes.url ?? "")
        let events = try Self.validatedEvents(changes.events ?? [])
        let description = try Self.validatedDescription(changes.description ?? "")
        let now = clock.now()
        return try await database.transaction { session in
            let repository = WebhookRepository(session)
            guard try await repository.list(shop: shop).count < Self.limit else { throw WebhookError.tooMany(Self.limit) }
            let endpoint = try await repository.insert(
                shop: shop, publicID: OpaqueToken.make(prefix: "whk_"), url: url, description: description, events: events,
                secret: StandardWebhookSignature.newSecret(), now: now)
            try await AuditLog.append(
                shop: shop, actor, "webhook.created", target: endpoint.publicID,
                detail: ["url": url, "events": WebhookRepository.text(events)], on: session, at: now)
            return endpoint
        }
    }

    public func update(shop: ShopID, publicID: String, _ changes: Changes, by actor: AuditActor) async throws -> WebhookEndpoint {
        let url = try changes.url.map { try validatedURL($0) }
        let events = try changes.events.map(Self.validatedEvents)
        let description = try changes.description.map(Self.validatedDescription)
        let now = clock.now()
        return try await database.transaction { session in
            var endpoint = try await Self.endpoint(shop: shop, publicID: publicID, on: session)
            var detail: [String: String] = [:]
            if let url, url != endpoint.url { (endpoint.url, detail["url"]) = (url, url) }
            if let events { (endpoint.events, detail["events"]) = (events, WebhookRepository.text(events)) }
            if let description { endpoint.description = description }
            switch changes.enabled {
            case false? where endpoint.isEnabled:
                (endpoint.disabledAt, endpoint.disabledReason) = (now, "disabled by \(actor.name)")
                detail["enabled"] = "false"
            case true? where !endpoint.isEnabled:
                (endpoint.disabledAt, endpoint.disabledReason) = (nil, nil)
                detail["enabled"] = "true"
            default: break
            }
            try await WebhookRepository(session).update(endpoint, now: now)
            try await AuditLog.append(shop: shop, actor, "webhook.updated", target: publicID, detail: detail, on: session, at: now)
            return endpoint
        }
    }

    /// Deletes the webhook with its delivery log; deliveries still waiting are not sent.
    public func delete(shop: ShopID, publicID: String, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { session in
            let endpoint = try await Self.endpoint(shop: shop, publicID: publicID, on: session)
            try await WebhookRepository(session).delete(shop: shop, id: endpoint.id)
            try await AuditLog.append(
                shop: shop, actor, "webhook.deleted", target: publicID, detail: ["url": endpoint.url], on: session, at: now)
        }
    }

    /// A new secret signs from now on; the old one signs beside it for a day, so the receiver can
    /// switch without losing an event.
    public func rotateSecret(shop: ShopID, publicID: String, by actor: AuditActor) async throws -> WebhookEndpoint {
        let now = clock.now()
        return try await database.transaction { session in
            var endpoint = try await Self.endpoint(shop: shop, publicID: publicID, on: session)
            endpoint.rotate(to: StandardWebhookSignature.newSecret(), at: now, grace: ManageWebhooks.rotationGrace)
            try await WebhookRepository(session).update(endpoint, now: now)
            try await AuditLog.append(shop: shop, actor, "webhook.secret_rotated", target: publicID, on: session, at: now)
            return endpoint
        }
    }

    /// Queues a `webhook.test` event for this webhook alone, whatever it subscribes to and even while
    /// it is disabled (to see a fixed receiver answer before enabling it again). It is tried once.
    /// Returns the delivery.
    public func sendTest(shop: ShopID, publicID: String) async throws -> WebhookDelivery {
        let now = clock.now()
        return try await database.transaction { session in
            let endpoint = try await Self.endpoint(shop: shop, publicID: publicID, on: session)
            try await WebhookOutbox.emit(.test, shop: shop, on: session, now: now, only: endpoint) {
                (
                    nil,
                    TestData(
                        webhook: endpoint.publicID, message: "A test event from Parley: this webhook is reached and its signature checks.")
                )
            }
            guard let delivery = try await WebhookRepository(session).deliveries(shop: shop, endpointID: endpoint.id, limit: 1).first
            else { throw StoreError.missingRow("webhook delivery") }
            return delivery
        }
    }

    struct TestData: Encodable {
        let webhook: String
        let message: String
    }

    /// A delivery with its attempts, for the log.
    public struct LoggedDelivery: Sendable {
        public let delivery: WebhookDelivery
        public let attempts: [WebhookAttempt]
    }

    /// The webhook's deliveries, newest first, `limit` of them after the cursor `before` (a delivery id).
    public func deliveries(shop: ShopID, publicID: String, before: String? = nil, limit: Int = 50) async throws -> [LoggedDelivery] {
        try await database.read { session in
            let repository = WebhookRepository(session)
            let endpoint = try await Self.endpoint(shop: shop, publicID: publicID, on: session)
            var beforeID: Int64?
            if let before {
                guard let cursor = try await repository.delivery(shop: shop, publicID: before), cursor.endpointID == endpoint.id else {
                    throw WebhookError.deliveryNotFound(before)
                }
                beforeID = cursor.id
            }
            var logged: [LoggedDelivery] = []
            for delivery in try await repository.deliveries(shop: shop, endpointID: endpoint.id, before: beforeID, limit: limit) {
                logged.append(LoggedDelivery(delivery: delivery, attempts: try await repository.attempts(of: delivery)))
            }
            return logged
        }
    }

    private static func endpoint(shop: ShopID, publicID: String, on session: DatabaseSession) async throws -> WebhookEndpoint {
        guard let endpoint = try await WebhookRepository(session).find(shop: shop, publicID: publicID) else {
            throw WebhookError.webhookNotFound(publicID)
        }
        return endpoint
    }

    // MARK: Input

    /// An absolute http or https URL without credentials. A literal address the policy refuses is
    /// refused now; a name is checked each time it is called, as what it resolves to may change.
    func validatedURL(_ raw: String, field: String = "url") throws -> String {
        let url = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !url.isEmpty else { throw InvalidInput(field: field, reason: "give the URL to send events to") }
        guard url.count <= 2000, let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
        else { throw InvalidInput(field: field, reason: "give an absolute http or https URL, such as https://crm.example.com/parley") }
        guard components.user == nil, components.password == nil else {
            throw InvalidInput(field: field, reason: "a URL with a user name or password is not taken; the signature proves the sender")
        }
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let address = IPAddress(parsing: bare), let refusal = policy.refusal(for: address) {
            throw InvalidInput(field: field, reason: refusal)
        }
        if bare.lowercased() == "localhost" || bare.lowercased().hasSuffix(".localhost"),
            let loopback = IPAddress(parsing: "127.0.0.1"), let refusal = policy.refusal(for: loopback)
        {
            throw InvalidInput(field: field, reason: refusal)
        }
        return url
    }

    static func validatedEvents(_ names: [String]) throws -> Set<WebhookEventType> {
        let names = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw InvalidInput(field: "events", reason: "choose at least one event, such as message.created, or * for every event")
        }
        if names.contains("*") { return Set(WebhookEventType.subscribable) }
        var events = Set<WebhookEventType>()
        for name in names {
            guard let event = WebhookEventType(rawValue: name), event != .test else {
                throw InvalidInput(
                    field: "events",
                    reason: "\(name) is not an event; choose among \(WebhookEventType.subscribable.map(\.rawValue).joined(separator: ", "))"
                )
            }
            events.insert(event)
        }
        return events
    }

    static func validatedDescription(_ raw: String) throws -> String {
        let description = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard description.count <= 200 else { throw InvalidInput(field: "description", reason: "write at most 200 characters") }
        return description
    }
}

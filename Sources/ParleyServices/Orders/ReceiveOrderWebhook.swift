import Foundation
import ParleyCore
import ParleyStore

/// A platform's order webhook, from the raw delivery to the order's new stage: the shop found by
/// its slug, the HMAC checked against the shop's secret before anything in the body is read, the
/// delivery's platform shop compared with the shop's, the body read by the platform's adapter, and
/// the event ingested (`IngestOrderEvent`).
public struct ReceiveOrderWebhook: Sendable {
    /// One delivery as it arrived: the body and the headers the adapter names.
    public struct Delivery: Sendable {
        public var body: Data
        public var topic: String
        public var signature: String?
        public var deliveryID: String?
        /// The platform shop the delivery says it comes from (unsigned).
        public var source: String?
        public var remoteAddress: String?

        public init(body: Data, topic: String, signature: String?, deliveryID: String?, source: String?, remoteAddress: String?) {
            self.body = body
            self.topic = topic
            self.signature = signature
            self.deliveryID = deliveryID
            self.source = source
            self.remoteAddress = remoteAddress
        }
    }

    public enum Outcome: Sendable, Equatable {
        /// An unknown shop, a shop without a secret or a wrong signature: alike, so that the answer
        /// does not tell which shops exist.
        case unauthenticated
        /// Authentic, but about nothing that moves an order (a ping, another topic).
        case ignored
        /// What the event did (`created`, `advanced`, `unchanged`, `replayed`) and the order's public id.
        case ingested(result: String, order: String?)
    }

    private let findShop: FindShop
    private let settings: ShopSettings
    private let ingest: IngestOrderEvent
    private let auditLog: AuditLog
    private let upsert: UpsertCustomer
    private let activity: RecordCustomerActivity
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        findShop = FindShop(database: database)
        settings = ShopSettings(database: database, clock: clock)
        ingest = IngestOrderEvent(database: database, clock: clock)
        auditLog = AuditLog(database: database, clock: clock)
        upsert = UpsertCustomer(database: database, clock: clock)
        activity = RecordCustomerActivity(database: database, clock: clock)
        self.clock = clock
    }

    /// Throws `InvalidInput` (naming the topic header) for an authentic delivery that contradicts the
    /// shop or cannot be read; it is kept in the audit log.
    public func callAsFunction(_ delivery: Delivery, shop slug: String, adapter: any OrderWebhookAdapter) async throws -> Outcome {
        let shop: Shop?
        do { shop = try await findShop(slug: slug) } catch ShopError.shopNotFound { shop = nil }
        // One read for the secret and the platform domain: webhooks come in bursts.
        let values = if let shop { try await settings.values(shop: shop.id) } else { [String: String]() }
        guard let shop, let secret = values[adapter.secretSetting],
            adapter.isAuthentic(body: delivery.body, signature: delivery.signature, secret: secret)
        else { return .unauthenticated }
        let event: OrderEvent
        do {
            if let refusal = adapter.sourceDisagreement(
                topic: delivery.topic, source: delivery.source, claimed: values[adapter.sourceSetting])
            {
                throw refusal
            }
            if let checkouts = adapter as? any CheckoutWebhookAdapter,
                let checkout = try checkouts.checkout(topic: delivery.topic, body: delivery.body, receivedAt: clock.now())
            {
                try await record(checkout, shop: shop.id, platform: adapter.platform)
                return .ingested(result: "checkout", order: nil)
            }
            if let customers = adapter as? any CustomerWebhookAdapter,
                let customer = try customers.customer(topic: delivery.topic, body: delivery.body)
            {
                try await record(customer, shop: shop.id, platform: adapter.platform)
                return .ingested(result: "customer", order: nil)
            }
            guard
                let derived = try adapter.event(
                    topic: delivery.topic, deliveryID: delivery.deliveryID, body: delivery.body, receivedAt: clock.now())
            else { return .ignored }
            event = derived
        } catch let refusal as WebhookRefused {
            try await auditLog.refused(
                refusal, shop: shop.id, by: AuditActor(.webhook, name: adapter.platform, address: delivery.remoteAddress),
                delivery: delivery.deliveryID, body: delivery.body)
            throw InvalidInput(field: adapter.topicHeader, reason: refusal.description)
        }
        return switch try await ingest(shop: shop.id, event) {
        case .created(let order): .ingested(result: "created", order: order.publicID)
        case .advanced(let order, _): .ingested(result: "advanced", order: order.publicID)
        case .unchanged(let order): .ingested(result: "unchanged", order: order.publicID)
        case .replayed: .ingested(result: "replayed", order: nil)
        }
    }

    /// The buyer (found or made by address, with a marketing consent the checkout gave) and the
    /// checkout as one snapshot, stored once however often the platform retries.
    private func record(_ checkout: PlatformCheckout, shop: ShopID, platform: String) async throws {
        var input = IngestOrderEvent.customerInput(checkout.customer, source: "\(platform) checkout")
        input.identities = Self.identities(checkout.customer)
        let (customer, _) = try await upsert(
            shop: shop, input, by: AuditActor(.webhook, name: platform))
        _ = try await activity(
            shop: shop, source: platform,
            [
                .init(
                    eventID: "checkout:\(checkout.token):\(Int(checkout.updatedAt.timeIntervalSince1970))",
                    customer: .init(id: customer.publicID), event: checkout.event)
            ])
    }

    /// The customer as the platform holds them, with its marketing decisions; a consent its own
    /// double opt-in confirmed is taken as confirmed here too.
    private func record(_ platformCustomer: PlatformCustomer, shop: ShopID, platform: String) async throws {
        var input = IngestOrderEvent.customerInput(platformCustomer.customer, source: platform)
        input.identities = Self.identities(platformCustomer.customer)
        let source = platformCustomer.confirmed ? "\(platform), confirmed" : platform
        input.consents = [(Channel.email, platformCustomer.email), (.sms, platformCustomer.sms)].compactMap { channel, status in
            status.map { CustomerInput.ConsentInput(channel: channel, status: $0, source: source) }
        }
        _ = try await upsert(shop: shop, input, by: AuditActor(.webhook, name: platform))
    }

    private static func identities(_ buyer: OrderCustomer) -> [CustomerInput.IdentityInput] {
        var identities: [CustomerInput.IdentityInput] = []
        if let email = buyer.email { identities.append(.init(kind: .email, value: email)) }
        if let phone = buyer.phone { identities.append(.init(kind: .phone, value: phone)) }
        if let external = buyer.externalID { identities.append(.init(kind: .external, value: external)) }
        return identities
    }
}

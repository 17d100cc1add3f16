import Foundation
import ParleyCore
import ParleyStore

/// Tells a customer that their order reached a stage: picks the channels (shop settings, consent,
/// preference), renders the message in the customer's language and queues one message per channel.
///
/// Runs as the job `order.notify`, queued in the same transaction as the stage change, so a stage is
/// announced only if it was recorded, and at most once. A stage the order has already moved past on
/// its way to delivery when the job runs is not announced: the newer news is on its way. A customer who cannot be reached gets an `unreachable`
/// message and a timeline note, so staff see why nothing went out.
public struct NotifyOrderStage: JobHandler {
    public static let kind = "order.notify"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock
    private let templates: OrderMessageTemplates
    private let links: TrackingLinks

    public init(database: ParleyDatabase, clock: any WallClock, templates: OrderMessageTemplates, links: TrackingLinks) {
        self.database = database
        self.clock = clock
        self.templates = templates
        self.links = links
    }

    struct Payload: Codable {
        var order: String
        var stage: OrderStage
    }

    /// Queues the announcement of `stage` inside the caller's transaction; a second one for the same
    /// order and stage (a replayed webhook) is not queued.
    static func enqueue(shop: ShopID, order: Order, stage: OrderStage, on sql: DatabaseSession, now: Date) async throws {
        let payload = String(decoding: try JSONEncoder().encode(Payload(order: order.publicID, stage: stage)), as: UTF8.self)
        try await JobQueue.enqueue(
            NewJob(shop: shop, kind: kind, payload: payload, runAt: now, idempotencyKey: "\(order.publicID):\(stage.rawValue)"),
            on: sql, now: now)
    }

    public func perform(_ job: ClaimedJob) async throws {
        let payload = try JSONDecoder().decode(Payload.self, from: Data(job.payload.utf8))
        let now = clock.now()
        let (input, customer, suppressed) = try await database.read { sql in
            guard let order = try await OrderRepository(sql).find(shop: job.shop, publicID: payload.order),
                let customer = try await CustomerRepository(sql).find(shop: job.shop, id: order.customerID),
                let shop = try await ShopRepository(sql).find(id: job.shop)
            else { throw PermanentJobFailure("order \(payload.order) no longer exists") }
            let input = OrderMessageInput(
                shop: shop, settings: try await ShopSettingsRepository(sql).all(shop: job.shop), customerName: customer.name,
                customerLocale: customer.locale, order: order,
                items: try await OrderRepository(sql).items(shop: job.shop, orderID: order.id),
                stage: payload.stage, trackingPage: nil,
                custom: try await MessageTemplateRepository(sql).texts(shop: job.shop, stage: payload.stage))
            let suppressed = try await SuppressionRepository(sql).suppressed(
                shop: job.shop, among: customer.identities.filter { $0.kind == .email }.map(\.value))
            return (input, customer, suppressed)
        }
        // News already overtaken is not sent: a customer whose parcel arrived does not then hear that it left.
        if payload.stage < input.order.stage && input.order.stage <= .delivered { return }
        var withLink = input
        withLink.trackingPage = try await links.url(shop: input.shop, order: input.order.publicID)
        let message = try templates.render(withLink)
        let enabled = NotificationPlan.channels(for: payload.stage, settings: input.settings)
        // The shop chose not to announce this stage: nobody is unreachable.
        guard !enabled.isEmpty else { return }
        let decision = ChannelChoice.channels(for: customer, purpose: .transactional, enabled: enabled, suppressed: suppressed)
        let topic = "order.\(payload.stage.rawValue)"
        let dedupe = "order:\(input.order.id):\(payload.stage.rawValue)"
        try await database.transaction { sql in
            let messages = MessageRepository(sql)
            switch decision {
            case .send(let channels):
                for channel in channels {
                    let queued = NewMessage(
                        customerID: customer.id, orderID: input.order.id, channel: channel, topic: topic, locale: message.locale,
                        recipient: customer.address(for: channel, avoiding: suppressed), subject: channel == .email ? message.subject : nil,
                        text: channel == .email ? message.text : message.sms, html: channel == .email ? message.html : nil,
                        messageID: nil,
                        dedupeKey: "\(dedupe):\(channel.rawValue)")
                    guard
                        let stored = try await messages.insert(shop: job.shop, publicID: OpaqueToken.make(prefix: "msg_"), queued, now: now)
                    else { continue }
                    try await SendMessage.enqueue(stored, on: sql, now: now)
                }
            case .unreachable(let reason):
                let note = NewMessage(
                    customerID: customer.id, orderID: input.order.id, channel: nil, topic: topic, locale: message.locale, recipient: nil,
                    subject: message.subject, text: message.text, html: nil, messageID: nil, dedupeKey: "\(dedupe):none")
                guard
                    try await messages.insert(
                        shop: job.shop, publicID: OpaqueToken.make(prefix: "msg_"), note, status: .unreachable, lastError: reason, now: now)
                        != nil
                else { return }
                try await TimelineRepository(sql).append(
                    shop: job.shop, customerID: customer.id, kind: TimelineEvent.Kind(rawValue: "message.unreachable"), at: now,
                    summary: "Order \(input.order.number): the \(payload.stage.rawValue) update was not sent: \(reason)",
                    data: ["order": input.order.publicID, "stage": payload.stage.rawValue, "reason": reason])
            }
        }
    }
}

import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Records an order event from any platform: in one transaction, recognise a replay, find or create
/// the customer and the order, move the order forward (never back), keep the stage history, note it
/// on the customer's timeline, and queue the customer's notification of the new stage.
public struct IngestOrderEvent: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(shop: ShopID, _ event: OrderEvent) async throws -> OrderEventOutcome {
        try Self.validate(event)
        let event = Self.cleaned(event)
        let now = clock.now()
        do {
            return try await database.transaction { sql in try await Self.apply(event, shop: shop, on: sql, now: now) }
        } catch  where isDuplicateKey(error) {
            // Two deliveries about a new order raced to create it; the second pass finds it.
            return try await database.transaction { sql in try await Self.apply(event, shop: shop, on: sql, now: now) }
        }
    }

    private static func apply(_ event: OrderEvent, shop: ShopID, on sql: DatabaseSession, now: Date) async throws -> OrderEventOutcome {
        if let eventID = event.eventID {
            let first = try await WebhookReceiptRepository(sql).record(shop: shop, source: event.source, eventID: eventID, now: now)
            guard first else { return .replayed }
        }
        let orders = OrderRepository(sql)
        let timeline = TimelineRepository(sql)
        guard let existing = try await orders.find(shop: shop, externalID: event.externalOrderID) else {
            guard let number = event.number, let currency = event.currency else {
                throw OrderNotYetKnown(externalID: event.externalOrderID)
            }
            // A platform's checkout states marketing consent; the audit log names the platform.
            let (customerID, _) = try await UpsertCustomer.apply(
                shop: shop, identities: identities(of: event), input: customerInput(event.customer, source: "\(event.source) checkout"),
                on: sql, now: now,
                by: AuditActor(event.source == "api" ? .apiKey : .webhook, name: event.source))
            let order = try await orders.insert(
                shop: shop, customerID: customerID, publicID: OpaqueToken.make(prefix: "ord_"), externalID: event.externalOrderID,
                number: number, stage: event.stage, currency: currency, totalMinor: event.totalMinor ?? 0,
                placedAt: event.occurredAt, now: now, source: event.source, shippingPostcode: event.shippingPostcode)
            try await orders.replaceItems(shop: shop, orderID: order.id, items: event.items)
            try await record(event, order: order, applied: true, on: sql, now: now)
            try await timeline.append(
                shop: shop, customerID: customerID, kind: .orderPlaced, at: event.occurredAt, summary: "Order \(number) placed",
                data: ["order": order.publicID, "number": number, "stage": event.stage.rawValue])
            try await FlowTriggers.placed(order, on: sql, now: now)
            try await Self.reached(event.stage, order: order, previous: nil, event: event, on: sql, now: now)
            return .created(try await reload(order, on: sql))
        }
        // The address is a fact of the order, not of a stage: a late event may still correct it.
        if let postcode = event.shippingPostcode, postcode != existing.shippingPostcode {
            try await orders.setShippingPostcode(shop: shop, orderID: existing.id, postcode: postcode)
        }
        switch OrderProgress.decide(current: existing.stage, event: event.stage) {
        case .advance(let stage):
            try await orders.setStage(shop: shop, orderID: existing.id, stage: stage, now: now)
            if !event.items.isEmpty { try await orders.replaceItems(shop: shop, orderID: existing.id, items: event.items) }
            try await record(event, order: existing, applied: true, on: sql, now: now)
            try await timeline.append(
                shop: shop, customerID: existing.customerID, kind: TimelineEvent.Kind(rawValue: "order.\(stage.rawValue)"),
                at: event.occurredAt, summary: "Order \(existing.number): \(stage.rawValue.replacingOccurrences(of: "_", with: " "))",
                data: Self.timelineData(existing, stage: stage, shipment: event.shipment))
            try await Self.reached(stage, order: existing, previous: existing.stage, event: event, on: sql, now: now)
            return .advanced(try await reload(existing, on: sql), from: existing.stage)
        case .keep:
            // A repeat of the current stage may still bring news (a tracking number); an older one may not.
            try await record(event, order: existing, applied: event.stage == existing.stage, on: sql, now: now)
            return .unchanged(try await reload(existing, on: sql))
        }
    }

    /// The order moved to `stage`: its message is queued, the shop's webhooks hear of it, and a
    /// delivery starts the flows that follow one.
    private static func reached(
        _ stage: OrderStage, order: Order, previous: OrderStage?, event: OrderEvent, on sql: DatabaseSession, now: Date
    ) async throws {
        let shipment = event.shipment
        try await NotifyOrderStage.enqueue(shop: order.shopID, order: order, stage: stage, on: sql, now: now)
        if stage == .delivered { try await FlowTriggers.delivered(order, at: event.occurredAt, on: sql, now: now) }
        try await WebhookOutbox.emit(.orderStageReached, shop: order.shopID, on: sql, now: now) {
            (order.customerID, try await WebhookData.order(order, stage: stage, previous: previous, shipment: shipment, on: sql))
        }
    }

    /// What the timeline shows of a stage: the order, and the parcel when there is one.
    static func timelineData(_ order: Order, stage: OrderStage, shipment: Shipment?) -> [String: String] {
        var data = ["order": order.publicID, "number": order.number, "stage": stage.rawValue]
        let parcel = shipment ?? order.shipment
        data["carrier"] = parcel?.carrier
        data["tracking_number"] = parcel?.trackingNumber
        data["tracking_url"] = parcel?.trackingURL
        return data
    }

    private static func record(_ event: OrderEvent, order: Order, applied: Bool, on sql: DatabaseSession, now: Date) async throws {
        let orders = OrderRepository(sql)
        try await orders.appendStage(
            shop: order.shopID, orderID: order.id, stage: event.stage, occurredAt: event.occurredAt, applied: applied,
            source: event.source, shipment: event.shipment, now: now)
        if applied, let shipment = event.shipment {
            try await orders.setShipment(shop: order.shopID, orderID: order.id, shipment: shipment, now: now)
        }
    }

    private static func reload(_ order: Order, on sql: DatabaseSession) async throws -> Order {
        guard let fresh = try await OrderRepository(sql).find(shop: order.shopID, publicID: order.publicID) else {
            throw OrderError.orderNotFound(order.publicID)
        }
        return fresh
    }

    /// The usable identities of the buyer. Platforms send odd phones and addresses; one that cannot
    /// be read is left out rather than failing the order. A guest with none is known by the order.
    static func identities(of event: OrderEvent) -> [Identity] {
        var identities: [Identity] = []
        if let email = event.customer.email, let address = try? EmailAddress(parsing: email),
            let identity = try? Identity.normalized(.email, address.addrSpec)
        {
            identities.append(identity)
        }
        if let phone = event.customer.phone, let identity = try? Identity.normalized(.phone, phone) { identities.append(identity) }
        if let external = event.customer.externalID, let identity = try? Identity.normalized(.external, external) {
            identities.append(identity)
        }
        if identities.isEmpty, let byOrder = try? Identity.normalized(.external, "\(event.source)-order:\(event.externalOrderID)") {
            identities.append(byOrder)
        }
        return identities
    }

    /// The buyer's name, language and the marketing consents the platform's checkout gave, as
    /// `source`; identities are the caller's (an order and a checkout find their buyer differently).
    static func customerInput(_ buyer: OrderCustomer, source: String) -> CustomerInput {
        var consents: [CustomerInput.ConsentInput] = []
        if buyer.acceptsEmailMarketing == true { consents.append(.init(channel: .email, status: .granted, source: source)) }
        if buyer.acceptsSMSMarketing == true { consents.append(.init(channel: .sms, status: .granted, source: source)) }
        let locale = buyer.locale.flatMap { (try? Validation.locale($0, field: "locale")) == nil ? nil : $0 }
        return CustomerInput(identities: [], name: buyer.name, locale: locale, consents: consents)
    }

    private static func validate(_ event: OrderEvent) throws {
        guard !event.externalOrderID.isEmpty else { throw InvalidInput(field: "external_id", reason: "is empty") }
        if let number = event.number, number.isEmpty { throw InvalidInput(field: "number", reason: "is empty") }
        try Validation.text(event.externalOrderID, field: "external_id", limit: Validation.Limit.identity)
        if let number = event.number { try Validation.text(number, field: "number") }
        if event.items.count > 1000 { throw InvalidInput(field: "items", reason: "holds more than 1000 lines") }
        if let currency = event.currency, currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            throw InvalidInput(field: "currency", reason: "use an ISO 4217 code such as PLN")
        }
        for (index, item) in event.items.enumerated() where item.quantity <= 0 {
            throw InvalidInput(field: "items[\(index)].quantity", reason: "must be at least 1")
        }
    }

    /// The event with its descriptive text made safe to keep: a platform's order must not be lost
    /// over a 300-character product name, so names are clipped and control characters become spaces.
    static func cleaned(_ event: OrderEvent) -> OrderEvent {
        var event = event
        event.customer.name = event.customer.name.map { Validation.clipped($0) }
        event.shippingPostcode = event.shippingPostcode.map { Validation.clipped($0, limit: 20) }.flatMap { $0.isEmpty ? nil : $0 }
        event.items = event.items.map { item in
            var item = item
            item.name = Validation.clipped(item.name, limit: 1000)
            item.sku = item.sku.map { Validation.clipped($0) }
            return item
        }
        return event
    }
}

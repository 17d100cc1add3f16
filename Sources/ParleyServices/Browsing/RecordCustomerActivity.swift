import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// What a shop posts about its customers' doings (`POST /api/v1/customer-events`), and what a
/// platform's checkout webhooks bring: each event stored once under the sender's own id, for its
/// customer (named by id, or found or made by email, phone or the shop's own id). A checkout also
/// shows on the customer's timeline.
///
/// A batch is taken whole or not at all: every event is checked before anything is stored, so a
/// sender that fixes the one event named in the refusal can post the same batch again.
public struct RecordCustomerActivity: Sendable {
    /// Events one request may carry.
    public static let perRequest = 100

    public struct Posted: Sendable, Equatable {
        /// The sender's id of the event: the same id is stored once, so a retry changes nothing.
        public var eventID: String?
        public var customer: CustomerReference
        public var event: CustomerEventInput

        public init(eventID: String?, customer: CustomerReference, event: CustomerEventInput) {
            self.eventID = eventID
            self.customer = customer
            self.event = event
        }
    }

    /// Who an event is about: Parley's id, or identities to find (or make) the customer by.
    public struct CustomerReference: Sendable, Equatable {
        public var id: String?
        public var email: String?
        public var phone: String?
        public var externalID: String?

        public init(id: String? = nil, email: String? = nil, phone: String? = nil, externalID: String? = nil) {
            self.id = id
            self.email = email
            self.phone = phone
            self.externalID = externalID
        }
    }

    public struct Recorded: Sendable, Equatable {
        public let accepted: Int
        /// Events whose id was stored before.
        public let duplicates: Int
    }

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(shop: ShopID, source: String = "api", _ posted: [Posted]) async throws -> Recorded {
        guard !posted.isEmpty else { throw InvalidInput(field: "events", reason: "is empty; send at least one event") }
        guard posted.count <= Self.perRequest else {
            throw InvalidInput(field: "events", reason: "holds \(posted.count) events; send at most \(Self.perRequest) at once")
        }
        let now = clock.now()
        let checked = try posted.enumerated().map { index, item in try Self.check(item, at: index, now: now) }
        return try await database.transaction { sql in
            var accepted = 0
            for (item, identities, event) in checked {
                let customerID = try await Self.customer(item.customer, identities: identities, shop: shop, on: sql, now: now)
                guard
                    try await CustomerEventRepository(sql).record(
                        shop: shop, customerID: customerID, source: source, externalID: item.eventID, event)
                else { continue }
                accepted += 1
                if event.kind == .checkout {
                    try await Self.note(event, customerID: customerID, shop: shop, on: sql)
                    try await FlowTriggers.checkout(shop: shop, customerID: customerID, event, on: sql, now: now)
                } else if event.kind == .product {
                    try await FlowTriggers.viewed(shop: shop, customerID: customerID, at: event.occurredAt, on: sql, now: now)
                }
            }
            return Recorded(accepted: accepted, duplicates: checked.count - accepted)
        }
    }

    private static func check(_ item: Posted, at index: Int, now: Date) throws -> (Posted, [Identity], NewCustomerEvent) {
        let field = "events[\(index)]"
        if let id = item.eventID {
            try Validation.text(id, field: "\(field).id", limit: 200)
            guard !id.isEmpty else { throw InvalidInput(field: "\(field).id", reason: "is empty; leave it out or name the event") }
        }
        var identities: [Identity] = []
        for (kind, value, name) in [
            (Identity.Kind.email, item.customer.email, "email"), (.phone, item.customer.phone, "phone"),
            (.external, item.customer.externalID, "external_id"),
        ] {
            guard let value else { continue }
            do {
                let raw = kind == .email ? try EmailAddress(parsing: value).addrSpec : value
                identities.append(try Identity.normalized(kind, raw))
            } catch let error as IdentityError {
                throw InvalidInput(field: "\(field).customer.\(name)", reason: error.reason)
            } catch {
                throw InvalidInput(field: "\(field).customer.\(name)", reason: "\(error)")
            }
        }
        guard item.customer.id != nil || !identities.isEmpty else {
            throw InvalidInput(field: "\(field).customer", reason: "names nobody; give the customer's id, email, phone or external_id")
        }
        guard CustomerEvent.Kind(rawValue: item.event.type) != nil else {
            throw InvalidInput(
                field: "\(field).type",
                reason: "is \(item.event.type); use one of " + CustomerEvent.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let event = item.event.cleaned(now: now, oldest: CustomerEventInput.oldestImported) else {
            throw InvalidInput(field: field, reason: Self.needs[item.event.type] ?? "lacks what its type needs")
        }
        return (item, identities, event)
    }

    private static let needs = [
        "page": "needs an http(s) url", "product": "needs the product's id or name", "search": "needs the query",
        "checkout": "needs the checkout id or its items", "cart": "lacks what a cart needs",
    ]

    private static func customer(_ reference: CustomerReference, identities: [Identity], shop: ShopID, on sql: DatabaseSession, now: Date)
        async throws -> Int64
    {
        if let id = reference.id {
            guard let found = try await CustomerRepository(sql).find(shop: shop, publicID: id), found.erasedAt == nil else {
                throw CustomerError.customerNotFound(id)
            }
            return found.id
        }
        return try await UpsertCustomer.apply(
            shop: shop, identities: identities, input: CustomerInput(identities: []), on: sql, now: now
        ).customerID
    }

    private static func note(_ event: NewCustomerEvent, customerID: Int64, shop: ShopID, on sql: DatabaseSession) async throws {
        let items = event.details.items ?? []
        let total = event.details.total.map { " for \($0)\(event.details.currency.map { " \($0)" } ?? "")" } ?? ""
        try await TimelineRepository(sql).append(
            shop: shop, customerID: customerID, kind: .checkoutStarted, at: event.occurredAt,
            summary: "Started a checkout of \(items.reduce(0) { $0 + $1.quantity }) items\(total)",
            data: [
                "checkout": event.details.checkoutID ?? "", "items": items.compactMap { $0.name ?? $0.id }.joined(separator: ", "),
                "total": event.details.total ?? "", "currency": event.details.currency ?? "", "url": event.url ?? "",
            ])
    }
}

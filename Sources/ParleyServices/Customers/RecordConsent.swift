import Foundation
import ParleyCore
import ParleyStore

/// Records a customer's decision to allow or refuse contact on a channel for a purpose, with its
/// source, on the timeline too.
public struct RecordConsent: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Returns the customer as stored afterwards.
    public func callAsFunction(
        shop: ShopID, customer publicID: String, channel: Channel, purpose: Consent.Purpose = .marketing, status: Consent.Status,
        source: String, by actor: AuditActor = .system
    ) async throws -> Customer {
        let source = source.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !source.isEmpty else { throw InvalidInput(field: "source", reason: "say where the decision was made, for example checkout") }
        try Validation.text(source, field: "source")
        let now = clock.now()
        return try await database.transaction { sql in
            let customers = CustomerRepository(sql)
            guard let customer = try await customers.find(shop: shop, publicID: publicID) else {
                throw CustomerError.customerNotFound(publicID)
            }
            try await Self.record(
                Consent(channel: channel, purpose: purpose, status: status, source: source, recordedAt: now), shop: shop,
                customerID: customer.id, on: sql, by: actor)
            guard let updated = try await customers.find(shop: shop, id: customer.id) else {
                throw CustomerError.customerNotFound(publicID)
            }
            return updated
        }
    }

    /// Stores `consent`, notes it on the timeline and in the audit log as done `by` the actor, inside
    /// the caller's transaction: every consent change, from any path, passes here.
    ///
    /// A grant of marketing email may be held `pending` for double opt-in (`ConfirmMarketingConsent`).
    static func record(_ consent: Consent, shop: ShopID, customerID: Int64, on sql: DatabaseSession, by actor: AuditActor) async throws {
        let customers = CustomerRepository(sql)
        let consent = try await ConfirmMarketingConsent.held(
            consent, shop: shop, customer: try await customers.find(shop: shop, id: customerID), on: sql)
        try await customers.setConsent(shop: shop, customerID: customerID, consent: consent)
        if consent.status == .pending {
            try await ConfirmMarketingConsent.enqueue(shop: shop, customerID: customerID, on: sql, now: consent.recordedAt)
        }
        try await AuditLog.append(
            shop: shop, actor, "consent.changed", target: try await customers.find(shop: shop, id: customerID)?.publicID,
            detail: [
                "channel": consent.channel.rawValue, "purpose": consent.purpose.rawValue, "status": consent.status.rawValue,
                "source": consent.source,
            ], on: sql,
            at: consent.recordedAt)
        try await TimelineRepository(sql).append(
            shop: shop, customerID: customerID, kind: .consentChanged, at: consent.recordedAt,
            summary: "\(consent.channel.rawValue) \(consent.purpose.rawValue) consent \(consent.status.rawValue) (\(consent.source))",
            data: [
                "channel": consent.channel.rawValue, "purpose": consent.purpose.rawValue, "status": consent.status.rawValue,
                "source": consent.source,
            ])
        if consent.channel == .email, consent.purpose == .marketing, consent.status == .granted {
            try await FlowTriggers.emailConsent(shop: shop, customerID: customerID, at: consent.recordedAt, on: sql)
        }
        try await WebhookOutbox.emit(.consentChanged, shop: shop, on: sql, now: consent.recordedAt) {
            guard let customer = try await customers.find(shop: shop, id: customerID) else {
                throw CustomerError.customerNotFound("\(customerID)")
            }
            return (
                customerID,
                WebhookData.ConsentEvent(
                    customer: WebhookData.CustomerData(customer),
                    consent: .init(
                        channel: consent.channel.rawValue, purpose: consent.purpose.rawValue, status: consent.status.rawValue,
                        source: consent.source, recordedAt: consent.recordedAt))
            )
        }
    }
}

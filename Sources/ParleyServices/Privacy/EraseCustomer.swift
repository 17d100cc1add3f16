import Foundation
import ParleyCore
import ParleyStore

/// Erases a customer's personal data on request: names, addresses, numbers, consents, timeline,
/// message text, attachments and raw mail go; orders, conversations and messages stay as anonymous
/// figures (counts, totals, stages, times) so the shop's reports do not change.
///
/// A request records who asked (audit log) and queues the job `customer.erase`; the job does the
/// work in one transaction and can run again after a crash, finishing what is left.
public struct EraseCustomer: JobHandler {
    public static let kind = "customer.erase"
    public var kind: String { Self.kind }

    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Records the request and queues the erasure; a second request for the same customer adds nothing.
    public func request(shop: ShopID, customer publicID: String, by actor: AuditActor) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            guard let customer = try await CustomerRepository(sql).find(shop: shop, publicID: publicID) else {
                throw CustomerError.customerNotFound(publicID)
            }
            let queued = try await JobQueue.enqueue(
                NewJob(shop: shop, kind: Self.kind, payload: customer.publicID, runAt: now, idempotencyKey: customer.publicID), on: sql,
                now: now)
            if queued.inserted {
                try await AuditLog.append(shop: shop, actor, "customer.erasure_requested", target: publicID, on: sql, at: now)
            }
        }
    }

    public func perform(_ job: ClaimedJob) async throws {
        try await erase(shop: job.shop, customer: job.payload)
    }

    /// Does the erasure now (the job, or the command line after queuing it).
    public func erase(shop: ShopID, customer publicID: String) async throws {
        let now = clock.now()
        try await database.transaction { sql in
            guard let customer = try await CustomerRepository(sql).find(shop: shop, publicID: publicID) else {
                throw PermanentJobFailure("customer \(publicID) no longer exists")
            }
            let data = CustomerDataRepository(sql)
            let addresses = customer.identities.filter { $0.kind == .email }.map(\.value)
            try await data.erase(shop: shop, customerID: customer.id, addresses: addresses, now: now)
            try await data.eraseTraces(
                shop: shop, of: customer.identities.map(\.value) + [customer.publicID] + (customer.name.map { [$0] } ?? []))
            if customer.erasedAt == nil {
                try await AuditLog.append(shop: shop, .system, "customer.erased", target: publicID, on: sql, at: now)
            }
        }
    }
}

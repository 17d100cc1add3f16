import Foundation
import ParleyCore
import ParleyStore

/// An agent corrects what Parley knows about a customer: name, language, time zone and the channel
/// they prefer. An empty field clears it (the shop's language and zone apply again).
public struct EditCustomer: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    public func callAsFunction(shop: ShopID, customer publicID: String, _ fields: CustomerFields, by actor: AuditActor) async throws
        -> Customer
    {
        func present(_ value: String?) -> String? {
            value.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let edited = CustomerFields(
            name: present(fields.name), locale: present(fields.locale), timeZone: present(fields.timeZone),
            preferredChannel: fields.preferredChannel)
        if let name = edited.name { try Validation.text(name, field: "name") }
        if let locale = edited.locale { try Validation.locale(locale, field: "locale") }
        if let zone = edited.timeZone { try Validation.timeZone(zone, field: "time_zone") }
        let now = clock.now()
        return try await database.transaction { sql in
            let customers = CustomerRepository(sql)
            guard let customer = try await customers.find(shop: shop, publicID: publicID), customer.erasedAt == nil else {
                throw CustomerError.customerNotFound(publicID)
            }
            try await customers.update(shop: shop, customerID: customer.id, fields: edited, now: now)
            try await TimelineRepository(sql).append(
                shop: shop, customerID: customer.id, kind: .customerUpdated, at: now, summary: "Profile edited by \(actor.name)",
                data: ["by": actor.name])
            guard let updated = try await customers.find(shop: shop, id: customer.id) else {
                throw CustomerError.customerNotFound(publicID)
            }
            return updated
        }
    }
}

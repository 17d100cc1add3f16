import Foundation
import ParleyCore
import ParleyMail
import ParleyStore

/// Creates a customer, or updates the one who already has one of the given identities.
///
/// The identities decide who the customer is: none known → a new customer; all known ones belong
/// to one customer → that customer, who gains the new identities; known ones belong to two
/// customers → `CustomerError.identitiesOfDifferentCustomers`, because joining two people is a merge for a person to confirm.
public struct UpsertCustomer: Sendable {
    private let database: ParleyDatabase
    private let clock: any WallClock

    public init(database: ParleyDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// Returns the stored customer and whether it was created.
    public func callAsFunction(shop: ShopID, _ input: CustomerInput, by actor: AuditActor = .system) async throws
        -> (customer: Customer, created: Bool)
    {
        let identities = try Self.normalizedIdentities(input.identities)
        if let locale = input.locale { try Validation.locale(locale, field: "locale") }
        if let name = input.name { try Validation.text(name, field: "name") }
        for (index, identity) in input.identities.enumerated() {
            try Validation.text(identity.value, field: "identities[\(index)].value", limit: Validation.Limit.identity)
        }
        for (index, consent) in input.consents.enumerated() {
            try Validation.text(consent.source, field: "consents[\(index)].source")
        }
        if let zone = input.timeZone { try Validation.timeZone(zone, field: "time_zone") }
        for (index, consent) in input.consents.enumerated() where consent.source.trimmingCharacters(in: .whitespaces).isEmpty {
            throw InvalidInput(field: "consents[\(index)].source", reason: "say where the decision was made, for example checkout")
        }
        do {
            return try await write(shop: shop, identities: identities, input: input, by: actor)
        } catch  where isDuplicateKey(error) {
            // Another request created one of these identities between our read and our write; the
            // second pass finds it and updates instead.
            return try await write(shop: shop, identities: identities, input: input, by: actor)
        }
    }

    private func write(shop: ShopID, identities: [Identity], input: CustomerInput, by actor: AuditActor) async throws
        -> (customer: Customer, created: Bool)
    {
        let now = clock.now()
        return try await database.transaction { sql in
            let (customerID, created) = try await Self.apply(shop: shop, identities: identities, input: input, on: sql, now: now, by: actor)
            guard let customer = try await CustomerRepository(sql).find(shop: shop, id: customerID) else {
                throw CustomerError.customerNotFound(String(customerID))
            }
            return (customer, created)
        }
    }

    /// The upsert inside the caller's transaction, for use cases that meet a customer on the way
    /// (an order event, an email); `identities` are already normalised. Returns the customer's row id:
    /// every such caller needs only that, and reading the whole customer back is four statements.
    static func apply(
        shop: ShopID, identities: [Identity], input: CustomerInput, on sql: DatabaseSession, now: Date, by actor: AuditActor = .system
    ) async throws -> (customerID: Int64, created: Bool) {
        let customers = CustomerRepository(sql)
        let timeline = TimelineRepository(sql)
        let owners = try await customers.owners(shop: shop, of: identities)
        let ownerIDs = Set(owners.values)
        guard ownerIDs.count <= 1 else {
            var publicIDs: [String] = []
            for id in ownerIDs.sorted() {
                if let other = try await customers.find(shop: shop, id: id) { publicIDs.append(other.publicID) }
            }
            throw CustomerError.identitiesOfDifferentCustomers(publicIDs)
        }
        let customerID: Int64
        let created: Bool
        if let existingID = ownerIDs.first, let existing = try await customers.find(shop: shop, id: existingID) {
            customerID = existingID
            created = false
            let merged = CustomerFields(
                name: input.name ?? existing.name, locale: input.locale ?? existing.locale,
                timeZone: input.timeZone ?? existing.timeZone, preferredChannel: input.preferredChannel ?? existing.preferredChannel)
            let stored = CustomerFields(
                name: existing.name, locale: existing.locale, timeZone: existing.timeZone, preferredChannel: existing.preferredChannel)
            if merged != stored {
                try await customers.update(shop: shop, customerID: customerID, fields: merged, now: now)
                try await timeline.append(
                    shop: shop, customerID: customerID, kind: .customerUpdated, at: now, summary: "Customer details updated")
            }
        } else {
            created = true
            let fields = CustomerFields(
                name: input.name, locale: input.locale, timeZone: input.timeZone, preferredChannel: input.preferredChannel)
            customerID = try await customers.insert(shop: shop, publicID: OpaqueToken.make(prefix: "cus_"), fields: fields, now: now)
            try await timeline.append(shop: shop, customerID: customerID, kind: .customerCreated, at: now, summary: "Customer created")
        }
        for identity in identities where owners[identity] == nil {
            try await customers.addIdentity(shop: shop, customerID: customerID, identity: identity, now: now)
            if !created {
                try await timeline.append(
                    shop: shop, customerID: customerID, kind: .identityAdded, at: now,
                    summary: "Added \(identity.kind.rawValue) \(identity.value)",
                    data: ["kind": identity.kind.rawValue, "value": identity.value])
            }
        }
        if !input.consents.isEmpty {
            let current = try await customers.find(shop: shop, id: customerID)
            for consent in input.consents {
                guard current?.consent(consent.channel, for: consent.purpose) != consent.status else { continue }
                try await RecordConsent.record(
                    Consent(
                        channel: consent.channel, purpose: consent.purpose, status: consent.status, source: consent.source,
                        recordedAt: now),
                    shop: shop, customerID: customerID, on: sql, by: actor)
            }
        }
        if created {
            try await WebhookOutbox.emit(.customerCreated, shop: shop, on: sql, now: now) {
                guard let customer = try await customers.find(shop: shop, id: customerID) else { throw StoreError.missingRow("customer") }
                return (customerID, WebhookData.CustomerEvent(customer: WebhookData.CustomerData(customer)))
            }
        }
        return (customerID, created)
    }

    static func normalizedIdentities(_ inputs: [CustomerInput.IdentityInput]) throws -> [Identity] {
        guard !inputs.isEmpty else {
            throw InvalidInput(
                field: "identities",
                reason: "give at least one: email, phone or external_id, or identities (kinds email, phone, external, visitor)")
        }
        var identities: [Identity] = []
        for (index, input) in inputs.enumerated() {
            var raw = input.value
            if input.kind == .email {
                do {
                    raw = try EmailAddress(parsing: raw).addrSpec
                } catch {
                    throw InvalidInput(field: "identities[\(index)].value", reason: error.description)
                }
            }
            do {
                let identity = try Identity.normalized(input.kind, raw)
                if !identities.contains(identity) { identities.append(identity) }
            } catch {
                throw InvalidInput(field: "identities[\(index)].value", reason: error.reason)
            }
        }
        return identities
    }
}

extension IdentityError {
    var reason: String {
        switch self {
        case .empty: "is empty"
        case .invalid(_, let why): why
        }
    }
}

import Foundation
import ParleyCore
import SQLKit

/// All SQL about customers, their identities and their consent.
public struct CustomerRepository: Sendable {
    private let sql: any SQLDatabase

    public init(_ sql: any SQLDatabase) { self.sql = sql }

    /// Inserts a customer without identities; returns its internal id.
    public func insert(shop: ShopID, publicID: String, fields: CustomerFields, now: Date) async throws -> Int64 {
        let row = try await sql.raw(
            """
            INSERT INTO customers (shop_id, public_id, name, locale, time_zone, preferred_channel, created_at, updated_at)
            VALUES (\(bind: shop.rawValue), \(bind: publicID), \(bind: fields.name), \(bind: fields.locale),
                    \(bind: fields.timeZone), \(bind: fields.preferredChannel?.rawValue), \(bind: now), \(bind: now))
            RETURNING id
            """
        ).first()
        guard let row else { throw StoreError.missingRow("inserted customer") }
        let id: Int64 = try row.value("id")
        try await reindex(shop: shop, customerID: id)
        return id
    }

    /// Indexes the customer's name and identities for the inbox search, in each of their conversations.
    private func reindex(shop: ShopID, customerID: Int64) async throws {
        try await SearchRepository(sql).rebuild(shop: shop, customerID: customerID)
    }

    /// Overwrites the writable fields of a customer.
    public func update(shop: ShopID, customerID: Int64, fields: CustomerFields, now: Date) async throws {
        try await sql.raw(
            """
            UPDATE customers SET name = \(bind: fields.name), locale = \(bind: fields.locale), time_zone = \(bind: fields.timeZone),
                preferred_channel = \(bind: fields.preferredChannel?.rawValue), updated_at = \(bind: now)
            WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: customerID)
            """
        ).run()
        try await reindex(shop: shop, customerID: customerID)
    }

    /// The customer each of `identities` already belongs to, if any.
    public func owners(shop: ShopID, of identities: [Identity]) async throws -> [Identity: Int64] {
        var owners: [Identity: Int64] = [:]
        for identity in identities {
            let row = try await sql.raw(
                """
                SELECT customer_id FROM customer_identities
                WHERE shop_id = \(bind: shop.rawValue) AND kind = \(bind: identity.kind.rawValue) AND value = \(bind: identity.value)
                """
            ).first()
            if let row { owners[identity] = try row.value("customer_id") }
        }
        return owners
    }

    /// Attaches `identity` to a customer; an identity another customer holds is a duplicate key.
    public func addIdentity(shop: ShopID, customerID: Int64, identity: Identity, now: Date) async throws {
        try await sql.raw(
            """
            INSERT INTO customer_identities (shop_id, customer_id, kind, value, created_at)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: identity.kind.rawValue), \(bind: identity.value), \(bind: now))
            """
        ).run()
        try await touch(shop: shop, customerID: customerID, at: now)
        try await reindex(shop: shop, customerID: customerID)
    }

    /// Records the customer's current decision for one channel and purpose, replacing the previous one.
    public func setConsent(shop: ShopID, customerID: Int64, consent: Consent) async throws {
        try await sql.raw(
            """
            INSERT INTO customer_consents (shop_id, customer_id, channel, purpose, status, source, recorded_at)
            VALUES (\(bind: shop.rawValue), \(bind: customerID), \(bind: consent.channel.rawValue), \(bind: consent.purpose.rawValue),
                    \(bind: consent.status.rawValue), \(bind: consent.source), \(bind: consent.recordedAt))
            ON CONFLICT (customer_id, channel, purpose) DO UPDATE SET
                status = excluded.status, source = excluded.source, recorded_at = excluded.recorded_at
            """
        ).run()
        try await touch(shop: shop, customerID: customerID, at: consent.recordedAt)
    }

    /// A change to the customer's identities or consents changes the customer, for `updated_since`.
    private func touch(shop: ShopID, customerID: Int64, at now: Date) async throws {
        try await sql.raw(
            "UPDATE customers SET updated_at = \(bind: now) WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: customerID)"
        ).run()
    }

    /// The customer with the public id `publicID`.
    public func find(shop: ShopID, publicID: String) async throws -> Customer? {
        let rows = try await sql.raw(
            """
            SELECT * FROM customers WHERE shop_id = \(bind: shop.rawValue) AND public_id = \(bind: publicID)
            """
        ).all()
        return try await assemble(shop: shop, rows: rows).first
    }

    /// The customer with the internal id `id`.
    public func find(shop: ShopID, id: Int64) async throws -> Customer? {
        let rows = try await sql.raw("SELECT * FROM customers WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").all()
        return try await assemble(shop: shop, rows: rows).first
    }

    /// Up to `limit` customers in creation order, after the one with internal id `after`.
    public func list(shop: ShopID, after: Int64?, updatedSince: Date? = nil, limit: Int) async throws -> [Customer] {
        let since: SQLQueryString = updatedSince.map { " AND updated_at >= \(bind: $0)" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT * FROM customers WHERE shop_id = \(bind: shop.rawValue) AND id > \(bind: after ?? 0)\(since)
            ORDER BY id LIMIT \(bind: limit)
            """
        ).all()
        return try await assemble(shop: shop, rows: rows)
    }

    /// Customer rows with their identities and consents, in the order of `rows`.
    private func assemble(shop: ShopID, rows: [any SQLRow]) async throws -> [Customer] {
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = try rows.map { try $0.value("id") }
        let list = SQLList(ids.map { SQLBind($0) })
        var identities: [Int64: [Identity]] = [:]
        for row in try await sql.raw(
            """
            SELECT customer_id, kind, value FROM customer_identities
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id IN (\(list)) ORDER BY id
            """
        ).all() {
            guard let kind = Identity.Kind(rawValue: try row.value("kind")) else { continue }
            identities[try row.value("customer_id"), default: []].append(Identity(kind: kind, value: try row.value("value")))
        }
        var consents: [Int64: [Consent]] = [:]
        for row in try await sql.raw(
            """
            SELECT customer_id, channel, purpose, status, source, recorded_at FROM customer_consents
            WHERE shop_id = \(bind: shop.rawValue) AND customer_id IN (\(list)) ORDER BY channel, purpose
            """
        ).all() {
            guard let channel = Channel(rawValue: try row.value("channel")), let status = Consent.Status(rawValue: try row.value("status")),
                let purpose = Consent.Purpose(rawValue: try row.value("purpose"))
            else { continue }
            consents[try row.value("customer_id"), default: []].append(
                Consent(
                    channel: channel, purpose: purpose, status: status, source: try row.value("source"),
                    recordedAt: try row.value("recorded_at")))
        }
        return try rows.map { row in
            let id: Int64 = try row.value("id")
            return Customer(
                id: id, shopID: shop, publicID: try row.value("public_id"), name: try row.value("name"),
                locale: try row.value("locale"), timeZone: try row.value("time_zone"),
                preferredChannel: (try row.value("preferred_channel", as: String?.self)).flatMap(PreferredChannel.init(rawValue:)),
                identities: identities[id] ?? [], consents: consents[id] ?? [],
                createdAt: try row.value("created_at"), updatedAt: try row.value("updated_at"), erasedAt: try row.value("erased_at"))
        }
    }
}

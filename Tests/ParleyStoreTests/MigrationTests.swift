import Foundation
import Logging
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("a second run applies nothing and keeps the data", arguments: TestDatabase.available)
    func idempotent(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let again = try await Migrator(database: database, logger: Logger(label: "test")).migrate()
            #expect(again.isEmpty)
            let shop = try await database.withConnection { sql in try await ShopRepository(sql).find(slug: "acme") }
            #expect(shop == world.shop)
        }
    }

    @Test(
        "consents recorded per channel become marketing decisions, and an opt-out still closes its channel",
        arguments: TestDatabase.available)
    func consentPurposes(kind: TestDatabase) async throws {
        let before = Array(Migration.all.prefix { $0.id != "0029_consent_purposes" })
        try await kind.withFresh(through: before) { database, _ in
            let world = try await World.given(database)
            let recorded = Date(timeIntervalSince1970: 1_780_000_000)
            // Written as the older schema had it: today's repositories read the purpose column.
            let customer = try await database.withConnection { session in
                try await session.sql.raw(
                    """
                    INSERT INTO customers (shop_id, public_id, created_at, updated_at)
                    VALUES (\(bind: world.shop.id.rawValue), 'cus_before', \(bind: recorded), \(bind: recorded))
                    """
                ).run()
                let row = try await session.sql.raw("SELECT id FROM customers WHERE public_id = 'cus_before'").first()
                return (id: try #require(row).decode(column: "id", as: Int64.self), publicID: "cus_before")
            }
            try await database.withConnection { session in
                for (channel, status, source) in [("email", "granted", "checkout"), ("sms", "revoked", "sms reply STOP")] {
                    try await session.sql.raw(
                        """
                        INSERT INTO customer_consents (shop_id, customer_id, channel, status, source, recorded_at)
                        VALUES (\(bind: world.shop.id.rawValue), \(bind: customer.id), \(bind: channel), \(bind: status), \(bind: source),
                                \(bind: recorded))
                        """
                    ).run()
                }
            }
            #expect(try await Migrator(database: database, logger: Logger(label: "test")).migrate().first == "0029_consent_purposes")
            let migrated = try #require(
                try await database.withConnection { session in
                    try await CustomerRepository(session).find(shop: world.shop.id, id: customer.id)
                })
            #expect(
                migrated.consents == [
                    Consent(channel: .email, purpose: .marketing, status: .granted, source: "checkout", recordedAt: recorded),
                    Consent(channel: .sms, purpose: .marketing, status: .revoked, source: "sms reply STOP", recordedAt: recorded),
                    Consent(channel: .sms, purpose: .transactional, status: .revoked, source: "sms reply STOP", recordedAt: recorded),
                ])
            #expect(migrated.allowsMarketing(on: .email))
            #expect(!migrated.allowsMarketing(on: .sms))
            // Decisions per purpose are kept apart from now on.
            _ = try await RecordConsent(database: database, clock: world.clock)(
                shop: world.shop.id, customer: customer.publicID, channel: .email, status: .revoked, source: "unsubscribe-link")
            let after = try #require(
                try await database.withConnection { session in
                    try await CustomerRepository(session).find(shop: world.shop.id, id: customer.id)
                })
            #expect(!after.allowsMarketing(on: .email))
            #expect(after.consent(.email, for: .transactional) == nil, "leaving marketing leaves order updates alone")
        }
    }
}

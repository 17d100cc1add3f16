import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Upsert customer")
struct UpsertCustomerTests {
    @Test("the same person written differently is one customer, and gains new identities", arguments: TestDatabase.available)
    func sameperson(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let upsert = UpsertCustomer(database: database, clock: world.clock)
            let (first, created) = try await upsert(
                shop: world.shop.id, CustomerInput(identities: [.init(kind: .phone, value: "0048 601 234 567")], locale: "pl-PL"))
            let (second, createdAgain) = try await upsert(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .phone, value: "+48601234567"), .init(kind: .email, value: "Ola <OLA@Example.pl>")],
                    name: "Ola"))
            #expect(created && !createdAgain)
            #expect(second.publicID == first.publicID)
            #expect(second.locale == "pl-PL" && second.name == "Ola")
            #expect(second.identities == [Identity(kind: .phone, value: "+48601234567"), Identity(kind: .email, value: "ola@example.pl")])
        }
    }

    @Test("a consent change is recorded once, with its source and time, on the timeline", arguments: TestDatabase.available)
    func consentTimeline(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let upsert = UpsertCustomer(database: database, clock: world.clock)
            let input = CustomerInput(
                identities: [.init(kind: .email, value: "a@example.com")],
                consents: [.init(channel: .sms, status: .granted, source: "checkout")])
            let (customer, _) = try await upsert(shop: world.shop.id, input)
            _ = try await upsert(shop: world.shop.id, input)
            world.clock.advance(by: 3600)
            let revoked = try await RecordConsent(database: database, clock: world.clock)(
                shop: world.shop.id, customer: customer.publicID, channel: .sms, status: .revoked, source: "reply STOP")
            #expect(revoked.consents == [Consent(channel: .sms, status: .revoked, source: "reply STOP", recordedAt: world.clock.now())])
            let timeline = try await ReadCustomers(database: database).timeline(
                shop: world.shop.id, publicID: customer.publicID, cursor: nil, limit: 50)
            #expect(timeline.items.map(\.kind) == [.consentChanged, .consentChanged, .customerCreated])
            #expect(timeline.items.first?.data == ["channel": "sms", "purpose": "marketing", "status": "revoked", "source": "reply STOP"])
        }
    }

    @Test("bad input names the field and stores nothing", arguments: TestDatabase.available)
    func invalid(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let upsert = UpsertCustomer(database: database, clock: world.clock)
            await #expect(
                throws: InvalidInput(
                    field: "identities",
                    reason: "give at least one: email, phone or external_id, or identities (kinds email, phone, external, visitor)")
            ) {
                try await upsert(shop: world.shop.id, CustomerInput(identities: []))
            }
            await #expect(throws: InvalidInput(field: "identities[1].value", reason: "an email address needs an @")) {
                try await upsert(
                    shop: world.shop.id,
                    CustomerInput(identities: [.init(kind: .phone, value: "+48601234567"), .init(kind: .email, value: "nope")]))
            }
            await #expect(throws: InvalidInput.self) {
                try await upsert(
                    shop: world.shop.id, CustomerInput(identities: [.init(kind: .email, value: "a@b.pl")], timeZone: "Mars/Olympus"))
            }
            #expect(try await ReadCustomers(database: database).list(shop: world.shop.id, cursor: nil, limit: 10).items.isEmpty)
        }
    }

    @Test("a cursor that Parley did not hand out is refused", arguments: TestDatabase.available)
    func forgedCursor(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            await #expect(throws: InvalidInput.self) {
                try await ReadCustomers(database: database).list(shop: world.shop.id, cursor: "bm90LWEtY3Vyc29y", limit: 10)
            }
        }
    }
}

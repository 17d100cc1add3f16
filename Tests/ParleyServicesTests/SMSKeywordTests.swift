import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// What a customer's one-word texts do to their consent: a STOP in any of the five languages ends
/// every text, a START brings back what the STOP ended, and nothing more.
@Suite("SMS keywords")
struct SMSKeywordTests {
    /// A shop whose customer at `phone` made `marketing` decision for texts; `text` sends their words
    /// and returns them as stored afterwards.
    struct Texting {
        let world: World
        let customer: Customer
        let record: RecordSMSCallback
        let phone: String

        init(_ database: ParleyDatabase, phone: String, marketing: Consent.Status?, source: String = "checkout") async throws {
            world = try await World.given(database)
            self.phone = phone
            let consents = marketing.map { [CustomerInput.ConsentInput(channel: .sms, purpose: .marketing, status: $0, source: source)] }
            (customer, _) = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id, CustomerInput(identities: [.init(kind: .phone, value: phone)], consents: consents ?? []))
            record = RecordSMSCallback(database: database, clock: world.clock)
        }

        func text(_ body: String) async throws -> Customer {
            world.clock.advance(by: 60)
            try await record(shop: world.shop.id, .inbound(InboundSMS(from: phone, to: "Kubki", body: body, providerMessageID: nil)))
            return try await ReadCustomers(database: world.database).customer(shop: world.shop.id, publicID: customer.publicID)
        }

        func conversations() async throws -> Int {
            try await ReadConversations(database: world.database).list(
                shop: world.shop.id, status: nil, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 10
            ).items.count
        }
    }

    @Test("STOP closes texts for orders and marketing; START reopens both when the STOP had ended both", arguments: TestDatabase.available)
    func stopThenStart(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let texting = try await Texting(database, phone: "+306912345678", marketing: .granted)
            #expect(texting.customer.allowsMarketing(on: .sms))
            let stopped = try await texting.text("Στοπ.")
            #expect(stopped.consent(.sms, for: .transactional) == .revoked && stopped.consent(.sms, for: .marketing) == .revoked)
            #expect(
                ChannelChoice.channels(for: stopped, purpose: .transactional, enabled: [.sms]) == .unreachable("the customer closed sms"))
            let started = try await texting.text("start")
            #expect(started.consent(.sms, for: .transactional) == .granted && started.allowsMarketing(on: .sms))
            #expect(try await texting.conversations() == 0, "keywords are not messages for agents")
        }
    }

    @Test("START does not grant marketing the customer had refused before the STOP", arguments: TestDatabase.available)
    func startKeepsRefusal(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let texting = try await Texting(database, phone: "+919876543210", marketing: .revoked, source: "preference centre")
            _ = try await texting.text("रोकें")
            let after = try await texting.text("शुरू")
            #expect(after.consent(.sms, for: .transactional) == .granted)
            #expect(after.consent(.sms, for: .marketing) == .revoked)
            #expect(after.consents.first { $0.purpose == .marketing }?.source == "preference centre")
        }
    }

    @Test("a START from someone who never stopped is an ordinary message", arguments: TestDatabase.available)
    func startWithoutStop(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let texting = try await Texting(database, phone: "+48601234567", marketing: nil)
            _ = try await texting.text("Start")
            #expect(try await texting.conversations() == 1)
        }
    }
}

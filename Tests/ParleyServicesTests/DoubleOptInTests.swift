import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@testable import ParleyServices

/// Double opt-in as a shop in Germany runs it: consent from a checkout waits for the customer's
/// confirmation from one email; nothing marketing goes and no welcome starts until they press the
/// button; an import the shop vouches for is taken as it is.
@Suite("Double opt-in")
struct DoubleOptInTests {
    @Test(
        "a checkout's consent waits for the confirmation email's button; then marketing may go and the welcome starts",
        arguments: TestDatabase.available)
    func confirm(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let base = try await MarketingShop(database)
            let world = base.world
            _ = try await ShopSettings(database: database, clock: world.clock).update(
                shop: world.shop.id, ["marketing.double_opt_in": "on"])
            let flows = ManageFlows(database: database, clock: world.clock)
            _ = try await flows.update(shop: world.shop.id, recipe: "welcome", enabled: true, wait: "10m", by: .system)
            let confirm = ConfirmMarketingConsent(
                database: database, clock: world.clock, catalogs: try MessageCatalogs(), preferences: base.preferences)

            let zofia = try await base.customer("zofia@example.pl", locale: "en")
            #expect(zofia.consent(.email, for: .marketing) == .pending && MarketingMail.refusal(for: zofia) == .noConsent)
            try await base.runDue(confirm)
            let sent = try await base.sent()
            #expect(sent.count == 1)
            let mail = try #require(sent.first)
            #expect(mail.recipient == "zofia@example.pl" && mail.subject == "Acme: please confirm your subscription")
            let link = try #require(mail.body.firstMatch(of: #/https://help\.acme\.test/p/(\S+)/(\S+)/(\S+)/subscribe/#))
            #expect(try await flows.list(shop: world.shop.id).first { $0.settings.recipe == .welcome }?.runs == [:], "no welcome yet")

            // The same checkout again the next day: still one question, asked again once.
            world.clock.advance(by: 3600)
            _ = try await base.customer("zofia@example.pl", locale: "en")
            try await base.runDue(confirm)
            #expect(try await base.sent().count == 1, "at most one confirmation a day")

            let page = try await base.preferences.subscribe(
                shopSlug: String(link.output.1), customer: String(link.output.2), signature: String(link.output.3), from: "192.0.2.7")
            #expect(page.channels.first { $0.channel == .email }?.marketing == true)
            let confirmed = try #require(try await CustomerRepository.find(world, email: "zofia@example.pl"))
            #expect(
                confirmed.allowsMarketing(on: .email)
                    && confirmed.consents.first { $0.channel == .email && $0.purpose == .marketing }?.source == "double opt-in")
            #expect(try await flows.list(shop: world.shop.id).first { $0.settings.recipe == .welcome }?.runs == ["waiting": 1])
            await #expect(throws: PreferenceError.linkNotFound) {
                _ = try await base.preferences.subscribe(
                    shopSlug: String(link.output.1), customer: String(link.output.2), signature: "forged", from: nil)
            }

            // Confirmed once, a later checkout's consent is taken as it is; an import the shop vouches for too.
            _ = try await base.customer("zofia@example.pl", locale: "en")
            let imported = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id,
                CustomerInput(
                    identities: [.init(kind: .email, value: "john@example.com")], name: "John",
                    consents: [.init(channel: .email, status: .granted, source: "import")])
            ).customer
            #expect(imported.allowsMarketing(on: .email))
            world.clock.advance(by: 86400)
            try await base.runDue(confirm)
            #expect(try await base.sent().filter { $0.subject?.contains("confirm") == true }.count == 1)
        }
    }
}

extension CustomerRepository {
    /// The shop's customer with `email`.
    static func find(_ world: World, email: String) async throws -> Customer? {
        try await world.database.withConnection { sql in
            let customers = CustomerRepository(sql)
            let identity = Identity(kind: .email, value: email)
            guard let id = try await customers.owners(shop: world.shop.id, of: [identity])[identity] else { return nil }
            return try await customers.find(shop: world.shop.id, id: id)
        }
    }
}

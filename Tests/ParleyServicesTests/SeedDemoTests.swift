import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Demo seed")
struct SeedDemoTests {
    @Test(
        "the demo has customers in every shipped language with orders, and a restart issues a new login without new customers",
        arguments: TestDatabase.available)
    func seed(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let clock = TestClock()
            let first = try await SeedDemo(database: database, clock: clock)()
            let second = try await SeedDemo(database: database, clock: clock)()
            #expect(first.shop == second.shop)
            #expect(first.ownerPassword != second.ownerPassword && first.apiKey != second.apiKey)
            let keys = ApiKeys(database: database, clock: clock)
            await #expect(throws: ApiKeyRefusal.revoked) { try await keys.authenticate(first.apiKey) }
            #expect(try await keys.authenticate(second.apiKey).shop == first.shop.id)
            let customers = try await ReadCustomers(database: database).list(shop: first.shop.id, cursor: nil, limit: 50).items
            #expect(Set(customers.compactMap { $0.locale?.prefix(2) }) == ["en", "pl", "el", "ru", "hi"])
            for customer in customers {
                let orders = try await database.withConnection { sql in
                    try await OrderRepository(sql).list(shop: first.shop.id, customerID: customer.id)
                }
                #expect(!orders.isEmpty)
            }
            let session = try await SignIn(database: database, clock: clock, throttle: LoginThrottle())(
                email: SeedDemo.ownerEmail, password: second.ownerPassword, client: "test")
            #expect(session.agent.role == .owner)
        }
    }

    @Test(
        "the demo inbox has each customer's email in their language and mail program, filed to them with clean text and acknowledged in their language",
        arguments: TestDatabase.available)
    func inbox(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let clock = TestClock()
            let world = World(database: database, clock: clock, shop: try await SeedDemo(database: database, clock: clock)().shop)
            let shop = world.shop.id
            let filer = FileIncomingEmail(
                database: database, clock: clock, catalogs: try MessageCatalogs(), fallbackDomain: "demo.parley.test",
                events: InboxEvents(bus: LocalEventBus()))
            #expect(try await NotifyOrderStageTests.runJobs(FileIncomingEmail.kind, world: world, handler: filer) == 5)
            // A restart seeds nothing again.
            _ = try await SeedDemo(database: database, clock: clock)()
            #expect(try await NotifyOrderStageTests.runJobs(FileIncomingEmail.kind, world: world, handler: filer) == 0)

            let read = ReadConversations(database: database)
            let conversations = try await read.list(
                shop: shop, status: .open, assignee: nil, customer: nil, tag: nil, cursor: nil, limit: 10
            ).items
            let customers = try await ReadCustomers(database: database).list(shop: shop, cursor: nil, limit: 10).items
            var firstWords: [String: String] = [:]
            var acknowledged: [String: String] = [:]
            for summary in conversations {
                let customer = try #require(customers.first { $0.publicID == summary.customerPublicID })
                let language = String(customer.locale?.prefix(2) ?? "")
                let messages = try await read.messages(shop: shop, conversation: summary.conversation.publicID)
                firstWords[language] = messages.first?.message.text
                acknowledged[language] = messages.first { $0.message.kind == .autoReply }?.delivery?.locale
            }
            #expect(firstWords["en"]?.hasSuffix("Could you check with them?\n\nThanks,\nEmily") == true)
            #expect(firstWords["pl"]?.contains("ul. Żółkiewskiego 12/4, 31-539 Kraków") == true)
            #expect(firstWords["el"]?.contains("παρήγγειλα πράσινη") == true)
            #expect(firstWords["ru"]?.hasSuffix("Как оформить возврат или замену?") == true)
            #expect(firstWords["hi"]?.contains("GST बिल") == true)
            #expect(acknowledged == ["en": "en", "pl": "pl", "el": "el", "ru": "ru", "hi": "hi"])
        }
    }
}

import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Demo seed")
struct SeedDemoTests {
    @Test("the demo has customers in every shipped language with orders, and a restart issues a new login without new customers")
    func seed() async throws {
        try await TestDatabase.sqlite.withFresh { database, _ in
            let clock = TestClock()
            let first = try await SeedDemo(database: database, clock: clock)()
            let second = try await SeedDemo(database: database, clock: clock)()
            #expect(first.shop == second.shop)
            #expect(first.ownerPassword != second.ownerPassword && first.apiKey != second.apiKey)
            let keys = ApiKeys(database: database, clock: clock)
            #expect(try await keys.authenticate(first.apiKey) == nil)
            #expect(try await keys.authenticate(second.apiKey) == first.shop.id)
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
}

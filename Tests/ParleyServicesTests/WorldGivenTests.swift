import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Test worlds")
struct WorldGivenTests {
    @Test(
        "a world given an owner, a Polish customer and a paid order holds them as the shop stored them", arguments: TestDatabase.available)
    func given(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(
                database, .agent(role: .owner, language: "pl"), .customer(locale: "pl-PL"), .order(number: "#7", stage: .paid))
            let owner = try #require(world.agents.first)
            #expect(owner.role == .owner && owner.locale == "pl")
            let customer = try #require(world.customers.first)
            #expect(customer.locale == "pl-PL")
            let order = try #require(world.orders.first)
            #expect(order.stage == .paid && order.customerID == customer.id && order.number == "#7")
            let stored = try await ReadOrders(database: database).details(shop: world.shop.id, publicID: order.publicID)
            #expect(stored.order.stage == .paid && stored.items.count == 1)
            // The agent signs in with the world's password.
            _ = try await SignIn(database: database, clock: world.clock, throttle: LoginThrottle())(
                email: owner.email, password: World.agentPassword, client: "test")
        }
    }
}

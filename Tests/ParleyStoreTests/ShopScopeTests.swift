import Foundation
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Shop scope")
struct ShopScopeTests {
    @Test("one shop never reads another's customers, even by their public id", arguments: TestDatabase.available)
    func customersStayInTheirShop(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let other = try await world.otherShop()
            let (customer, _) = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: world.shop.id, CustomerInput(identities: [.init(kind: .email, value: "ola@example.pl")]))
            let read = ReadCustomers(database: database)
            await #expect(throws: CustomerError.customerNotFound(customer.publicID)) {
                try await read.customer(shop: other.id, publicID: customer.publicID)
            }
            #expect(try await read.list(shop: other.id, cursor: nil, limit: 50).items.isEmpty)
            // The same address in another shop is another customer.
            let (theirs, created) = try await UpsertCustomer(database: database, clock: world.clock)(
                shop: other.id, CustomerInput(identities: [.init(kind: .email, value: "ola@example.pl")]))
            #expect(created && theirs.publicID != customer.publicID)
        }
    }
}

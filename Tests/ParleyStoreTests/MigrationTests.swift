import Logging
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
}

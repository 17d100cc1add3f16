import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import Testing

@Suite("Transactions")
struct TransactionTests {
    private struct Refused: Error {}

    @Test(
        "many transactions at once: each is committed whole, or not at all when it throws, whatever ran beside it",
        arguments: TestDatabase.available)
    func concurrentTransactions(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let shop = world.shop.id
            let now = world.clock.now()
            // On SQLite, transactions queued for the writer share a commit; one that throws must undo
            // only its own statements, and the ones before and after it in the group must stay.
            let outcomes = try await withThrowingTaskGroup(of: (index: Int, committed: Bool).self) { group in
                for index in 0..<150 {
                    group.addTask {
                        do {
                            try await database.transaction { sql in
                                let settings = ShopSettingsRepository(sql)
                                try await settings.set(shop: shop, key: "t.\(index).first", value: "\(index)", now: now)
                                // A pause, so that others queue behind this one.
                                if index % 4 == 0 { try await Task.sleep(for: .milliseconds(1)) }
                                try await settings.set(shop: shop, key: "t.\(index).second", value: "\(index)", now: now)
                                if index % 3 == 0 { throw Refused() }
                            }
                            return (index, true)
                        } catch is Refused {
                            return (index, false)
                        }
                    }
                }
                var outcomes: [(index: Int, committed: Bool)] = []
                for try await outcome in group { outcomes.append(outcome) }
                return outcomes
            }
            let stored = try await database.read { sql in try await ShopSettingsRepository(sql).all(shop: shop) }
            #expect(outcomes.count == 150)
            for (index, committed) in outcomes {
                #expect((stored["t.\(index).first"] != nil) == committed, "transaction \(index)")
                #expect((stored["t.\(index).second"] != nil) == committed, "transaction \(index)")
            }
            #expect(outcomes.filter(\.committed).count == 100)
        }
    }

    @Test(
        "a transaction returns only once its work is committed: a reader on another connection sees it at once",
        arguments: TestDatabase.available)
    func visibleOnReturn(kind: TestDatabase) async throws {
        try await kind.withFresh { database, _ in
            let world = try await World.given(database)
            let shop = world.shop.id
            let now = world.clock.now()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        try await database.transaction { sql in
                            try await ShopSettingsRepository(sql).set(shop: shop, key: "seen.\(index)", value: "yes", now: now)
                        }
                        // `read` runs on SQLite's reading connection, which sees only what is committed.
                        let value = try await database.read { sql in
                            try await ShopSettingsRepository(sql).value(shop: shop, key: "seen.\(index)")
                        }
                        #expect(value == "yes", "transaction \(index)")
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}

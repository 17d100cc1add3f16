import ArgumentParser
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// `parley audit-log`: who changed what in a shop, as CSV.
struct AuditLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-log", abstract: "Print a shop's audit log as CSV, newest first.")
    @OptionGroup var store: StoreOptions
    @Option(help: "Slug of the shop") var shop: String

    func run() async throws {
        let csv = try await store.withMigratedDatabase { database in
            let shop = try await FindShop(database: database)(slug: shop)
            let log = AuditLog(database: database, clock: SystemWallClock())
            let csv = try await log.csv(shop: shop.id)
            try await log.record(shop: shop.id, .cli, "audit_log.exported")
            return csv
        }
        print(csv, terminator: "")
    }
}

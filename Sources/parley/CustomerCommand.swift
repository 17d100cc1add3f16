import ArgumentParser
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// `parley customer …`: a customer's data on request (GDPR articles 15, 17 and 20).
struct CustomerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer", abstract: "Export or erase a customer's data.", subcommands: [Export.self, Erase.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write everything Parley holds about a customer to a ZIP: customer.json, attachments, original emails.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Argument(help: "The customer's id (cus_…)") var customer: String
        @Option(name: .shortAndLong, help: "Where to write the ZIP") var output: String

        func run() async throws {
            let zip = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                return try await ExportCustomer(database: database, clock: SystemWallClock())(shop: shop.id, customer: customer, by: .cli)
            }
            try zip.write(to: URL(fileURLWithPath: output))
            print("Wrote \(output) (\(zip.count) bytes).")
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a customer's personal data now; orders and conversations stay as anonymous figures.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Argument(help: "The customer's id (cus_…)") var customer: String

        func run() async throws {
            try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                let erase = EraseCustomer(database: database, clock: SystemWallClock())
                // Queued first, so a crash midway leaves the job for the workers to finish.
                try await erase.request(shop: shop.id, customer: customer, by: .cli)
                try await erase.erase(shop: shop.id, customer: customer)
            }
            print("Erased the personal data of \(customer).")
        }
    }
}

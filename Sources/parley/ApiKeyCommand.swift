import ArgumentParser
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// `parley apikey …`: keys for the REST API.
struct ApiKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for a shop; the key is printed once, as the last line.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Option(help: "What the key is for") var name = "api"
        @Flag(help: "Allow reading only (GET and HEAD)") var readOnly = false
        @Option(help: "Stop working after this long: 90d, 12h, 1h30m") var expires: String?

        func run() async throws {
            let expiresAt = try expires.map { text in
                guard let seconds = DurationText.seconds(text) else {
                    throw ValidationError("--expires: write a duration such as 90d or 12h")
                }
                return Date().addingTimeInterval(TimeInterval(seconds))
            }
            let scope: ApiKey.Scope = readOnly ? .readOnly : .full
            let created = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                return try await ApiKeys(database: database, clock: SystemWallClock()).create(
                    shop: shop.id, name: name, scope: scope, expiresAt: expiresAt, by: .cli)
            }
            print(
                "Created the \(scope == .readOnly ? "read-only " : "")API key prl_\(created.info.prefix) for \(shop). Store it now: it is not shown again."
            )
            print(created.key)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a shop's API keys: prefix, name, scope, status, created, last used.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String

        func run() async throws {
            let keys = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                let keys = ApiKeys(database: database, clock: SystemWallClock())
                var all: [ApiKey] = []
                var cursor: String?
                repeat {
                    let page = try await keys.list(shop: shop.id, cursor: cursor, limit: PageSize.maximum)
                    all += page.items
                    cursor = page.nextCursor
                } while cursor != nil
                return all
            }
            let now = Date()
            let date = { (date: Date?) in date?.formatted(.iso8601) ?? "never" }
            for key in keys {
                let status = key.revokedAt != nil ? "revoked" : key.isLive(at: now) ? "active" : "expired"
                var line = "prl_\(key.prefix)  \(key.name)  \(key.scope.rawValue)  \(status)  created \(date(key.createdAt))"
                line += "  last used \(date(key.lastUsedAt))"
                if let expiresAt = key.expiresAt { line += "  expires \(date(expiresAt))" }
                print(line)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by its prefix; it stops working at once.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Argument(help: "The key's prefix, as apikey list shows it (prl_3kTq9aZx)") var prefix: String

        func run() async throws {
            let key = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                return try await ApiKeys(database: database, clock: SystemWallClock()).revoke(shop: shop.id, prefix: prefix, by: .cli)
            }
            print("Revoked \(key.label).")
        }
    }
}

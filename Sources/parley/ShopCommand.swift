import ArgumentParser
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

/// `parley shop …`: shops are the tenants of an installation.
struct ShopCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shop", abstract: "Manage shops.", subcommands: [Create.self, Set.self, Show.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a shop.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Lowercase letters, digits and dashes (used in URLs and commands)") var slug: String
        @Option(help: "Display name") var name: String?
        @Option(help: "Language customers get when theirs is unknown") var locale = "en"
        @Option(help: "IANA time zone") var timeZone = "UTC"

        func run() async throws {
            let shop = try await store.withMigratedDatabase { database in
                try await CreateShop(database: database, clock: SystemWallClock())(
                    slug: slug, name: name ?? slug, defaultLocale: locale, timeZone: timeZone)
            }
            print("Created shop \(shop.slug).")
        }
    }
}

extension ShopCommand {
    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change shop settings: key=value (an empty value removes the setting).",
            discussion: "Settings: " + ShopSetting.catalog.map { "\($0.key) (\($0.summary))" }.joined(separator: "; "))
        @OptionGroup var store: StoreOptions
        @Argument(help: "Slug of the shop") var slug: String
        @Argument(help: "key=value pairs, for example shopify.webhook_secret=shpss_…") var assignments: [String]

        func run() async throws {
            var changes: [String: String?] = [:]
            for assignment in assignments {
                guard let equals = assignment.firstIndex(of: "=") else {
                    throw ValidationError("\(assignment): write key=value")
                }
                let value = String(assignment[assignment.index(after: equals)...])
                changes[String(assignment[..<equals])] = value.isEmpty ? String?.none : value
            }
            let requested = changes
            let profile = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: slug)
                return try await ShopSettings(database: database, clock: SystemWallClock()).update(shop: shop.id, requested, by: .cli)
            }
            Show.print(profile)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a shop and its settings (secrets masked).")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Slug of the shop") var slug: String

        func run() async throws {
            Self.print(
                try await store.withMigratedDatabase { database in
                    try await ShopSettings(database: database, clock: SystemWallClock()).profile(
                        shop: try await FindShop(database: database)(slug: slug).id)
                })
        }

        static func print(_ profile: ShopProfile) {
            Swift.print("\(profile.shop.slug): \(profile.shop.name), \(profile.shop.defaultLocale), \(profile.shop.timeZone)")
            for (key, value) in profile.settings.sorted(by: { $0.key < $1.key }) { Swift.print("  \(key) = \(value)") }
            if let record = profile.dkimRecord { Swift.print("Publish for DKIM: \(record.name) TXT \"\(record.value)\"") }
        }
    }
}

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
                return try await ShopSettings(database: database, clock: SystemWallClock()).update(shop: shop.id, requested)
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

/// `parley user …`: agents who sign in to the agent application.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage agents.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an agent, or set a new password for an existing one. The password is read from standard input.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Option(help: "Sign-in email") var email: String
        @Option(help: "owner, admin, agent or marketer") var role: AgentRole = .agent
        @Option(help: "Display name") var name: String?

        func run() async throws {
            let password = readPassword()
            let (agent, created) = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                return try await AddAgent(database: database, clock: SystemWallClock())(
                    shop: shop.id, email: email, name: name, role: role, password: password)
            }
            print(created ? "Added \(agent.email) as \(agent.role.rawValue)." : "Set a new password for \(agent.email).")
        }

        private func readPassword() -> String {
            if isatty(STDIN_FILENO) != 0, let typed = getpass("Password: ") { return String(cString: typed) }
            return readLine(strippingNewline: true) ?? ""
        }
    }
}

extension AgentRole: ExpressibleByArgument {}

/// `parley apikey …`: keys for the REST API.
struct ApiKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apikey", abstract: "Manage API keys.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for a shop; the key is printed once, as the last line.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Option(help: "What the key is for") var name = "api"

        func run() async throws {
            let key = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                return try await ApiKeys(database: database, clock: SystemWallClock()).create(shop: shop.id, name: name)
            }
            print("Created an API key for \(shop). Store it now: it is not shown again.")
            print(key)
        }
    }
}

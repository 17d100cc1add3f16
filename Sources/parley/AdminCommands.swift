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

/// `parley user …`: agents who sign in to the agent application.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage agents.", subcommands: [Add.self, ResetTwoFactor.self])

    struct ResetTwoFactor: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-two-factor",
            abstract: "Turn off two-step sign-in for an agent who lost their authenticator; they set it up again after signing in.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Option(help: "Sign-in email") var email: String

        func run() async throws {
            try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                try await TwoFactor(database: database, clock: SystemWallClock()).reset(shop: shop.id, email: email)
            }
            print("Two-step sign-in is off for \(email).")
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an agent, or set a new password for an existing one. The password is read from standard input.")
        @OptionGroup var store: StoreOptions
        @Option(help: "Slug of the shop") var shop: String
        @Option(help: "Sign-in email") var email: String
        @Option(help: "owner, admin, agent or marketer; a new agent is an agent, an existing one keeps their role") var role: AgentRole?
        @Option(help: "Display name") var name: String?

        func run() async throws {
            let password = readPassword()
            let (agent, created) = try await store.withMigratedDatabase { database in
                let shop = try await FindShop(database: database)(slug: shop)
                return try await AddAgent(database: database, clock: SystemWallClock())(
                    shop: shop.id, email: email, name: name, role: role, password: password, by: .cli)
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

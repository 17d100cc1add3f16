import ArgumentParser
import Foundation
import ParleyCore
import ParleyServices
import ParleyStore

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

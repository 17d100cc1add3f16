import ArgumentParser

/// The `parley` command: one binary for the server, the worker and administration.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Parley: the customer-communication hub for online shops.",
        subcommands: [
            Serve.self, Migrate.self, Worker.self, Mailgate.self, ShopCommand.self, UserCommand.self, ApiKeyCommand.self,
            AuditLogCommand.self, CustomerCommand.self,
        ]
    )
}

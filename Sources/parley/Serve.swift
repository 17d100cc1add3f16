import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Metrics
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyWeb
import Prometheus
import ServiceLifecycle

/// `parley serve`: the HTTP server with its job workers.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Parley server (HTTP API, agent app, workers).")

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on [env: PARLEY_HOST]")
    var host: String?

    @Option(help: "Port to listen on [env: PARLEY_PORT] (default: 8080)")
    var port: Int?

    @Option(help: "Jobs this process runs at once; 0 runs none [env: PARLEY_WORKERS] (default: 32)")
    var workers: Int?

    @OptionGroup var delivery: DeliveryOptions

    @OptionGroup var inbound: InboundOptions

    @Flag(help: "Create the demo shop with customers in en, pl, el, ru and hi, and print a login and an API key")
    var demo = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = ParleyConfiguration()
        configuration.host = host ?? environment["PARLEY_HOST"] ?? configuration.host
        configuration.port = port ?? environment["PARLEY_PORT"].flatMap(Int.init) ?? configuration.port
        configuration.workers = workers ?? environment["PARLEY_WORKERS"].flatMap(Int.init) ?? configuration.workers
        delivery.apply(to: &configuration)
        inbound.apply(to: &configuration)
        // With no mail server, the demo keeps what it sends where the app shows it.
        configuration.demoOutbox = demo && configuration.smtpURL == nil
        // The demo runs on the trier's own machine, where the receiver they try webhooks with runs too.
        if demo { configuration.webhookAllowedNetworks += ["127.0.0.0/8", "::1"].compactMap(IPNetwork.init(parsing:)) }
        let logger = Logger.parley
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))

        let location = try store.location()
        let credentials = try await store.withMigratedDatabase { database in
            demo ? try await SeedDemo(database: database, clock: SystemWallClock())() : nil
        }
        let database = try await ParleyDatabase.open(location, logger: logger)
        let app = try await {
            do {
                return try await buildApplication(configuration: configuration, database: database, registry: registry, logger: logger)
            } catch {
                // The database's own service never ran, so nothing else would close it.
                try await database.close()
                throw error
            }
        }()
        announce("Parley on http://\(configuration.host):\(configuration.port) with \(location)")
        if let smtpPort = configuration.smtpPort {
            announce("Receiving email by SMTP on \(configuration.smtpHost ?? configuration.host):\(smtpPort)")
        }
        if let credentials {
            announce(
                """

                Demo shop "\(credentials.shop.name)" (slug \(credentials.shop.slug)) is ready.
                  Agent app: http://\(configuration.host):\(configuration.port)/app/login
                  Sign in:   \(credentials.ownerEmail) / \(credentials.ownerPassword)
                  API key:   \(credentials.apiKey)
                  Try:       curl -H 'Authorization: Bearer \(credentials.apiKey)' http://\(configuration.host):\(configuration.port)/api/v1/customers
                  Webhooks:  may go to this machine (127.0.0.1) in the demo; see docs/webhooks.md
                \(configuration.demoOutbox ? "  Outbox:    what Parley sends is kept at http://\(configuration.host):\(configuration.port)/app/outbox (set PARLEY_SMTP_URL to send for real)\n" : "")(A new password and key are issued at each start.)

                """)
        }
        try await ServiceGroup(configuration: .parley([app], logger: logger)).run()
    }
}

/// Writes a line to standard output at once: `print` is block-buffered into a pipe or file, and the
/// server would hold the banner back while it runs.
private func announce(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}

import ArgumentParser
import Logging
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyWeb
import ServiceLifecycle
import UnixSignals

/// `parley worker`: runs queued jobs without serving HTTP, for scaling work apart from requests.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run job workers only (no HTTP server).")

    @OptionGroup var store: StoreOptions

    @Option(help: "Jobs this process runs at once: most wait on a mail server, not a core")
    var concurrency = 32

    @OptionGroup var delivery: DeliveryOptions

    func run() async throws {
        let logger = Logger.parley
        try await store.withMigratedDatabase { _ in }
        let database = try await ParleyDatabase.open(try store.location(), logger: logger)
        var configuration = ParleyConfiguration()
        delivery.apply(to: &configuration)
        let clock = SystemWallClock()
        let (bus, busService) = makeEventBus(database: database, logger: logger)
        let worker = JobWorker(
            database: database,
            handlers: try await buildJobHandlers(configuration: configuration, database: database, clock: clock, bus: bus),
            configuration: .init(concurrency: concurrency, lease: configuration.jobLease), clock: clock, logger: logger)
        logger.info("worker started", metadata: ["worker": "\(worker.workerID)"])
        let group = ServiceGroup(configuration: .parley([database, worker] + [busService].compactMap { $0 }, logger: logger))
        try await group.run()
    }
}

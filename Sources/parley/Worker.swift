import ArgumentParser
import Logging
import ParleyCore
import ParleyServices
import ParleyStore
import ServiceLifecycle
import UnixSignals

/// `parley worker`: runs queued jobs without serving HTTP, for scaling work apart from requests.
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run job workers only (no HTTP server).")

    @OptionGroup var store: StoreOptions

    @Option(help: "Concurrent jobs in this process")
    var concurrency = 2

    func run() async throws {
        let logger = Logger.parley
        try await store.withMigratedDatabase { _ in }
        let database = try await ParleyDatabase.open(try store.location(), logger: logger)
        let worker = JobWorker(
            database: database, handlers: JobHandlers.all, configuration: .init(concurrency: concurrency),
            clock: SystemWallClock(), logger: logger)
        logger.info("worker started", metadata: ["worker": "\(worker.workerID)"])
        let group = ServiceGroup(
            configuration: .init(services: [database, worker], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

// A worker process for the job-queue tests: runs the real JobWorker against a database, with a
// `probe` handler that records each start and finish in `probe_runs`, so a test can count runs,
// kill the process mid-job, and see who finished what.
//
// Usage: ParleyJobProbe <database-url> <lease-seconds> <concurrency>
import Foundation
import Logging
import ParleyCore
import ParleyServices
import ParleyStore
import SQLKit
import ServiceLifecycle
import UnixSignals

struct ProbeHandler: JobHandler {
    let kind = "probe"
    let database: ParleyDatabase
    let worker: String

    func perform(_ job: ClaimedJob) async throws {
        try await record(job, phase: "start")
        if job.payload.hasPrefix("sleep:"), let seconds = Double(job.payload.dropFirst(6)) {
            try await Task.sleep(for: .seconds(seconds))
        }
        try await record(job, phase: "done")
    }

    private func record(_ job: ClaimedJob, phase: String) async throws {
        try await database.withConnection { session in
            try await session.sql.raw(
                """
                INSERT INTO probe_runs (job_id, worker, phase) VALUES (\(bind: job.id), \(bind: worker), \(bind: phase))
                """
            ).run()
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let lease = Int64(arguments[2]), let concurrency = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: ParleyJobProbe <database-url> <lease-seconds> <concurrency>\n".utf8))
    exit(64)
}
var logger = Logger(label: "probe")
logger.logLevel = .warning
let database = try await ParleyDatabase.open(try DatabaseLocation(url: arguments[1], dataDirectory: ""), logger: logger)
let workerID = "probe-\(ProcessInfo.processInfo.processIdentifier)"
let worker = JobWorker(
    database: database, handlers: [ProbeHandler(database: database, worker: workerID)],
    configuration: .init(concurrency: concurrency, lease: .seconds(lease), pollInterval: .milliseconds(50)),
    clock: SystemWallClock(), logger: logger, workerID: workerID)
let group = ServiceGroup(configuration: .init(services: [database, worker], gracefulShutdownSignals: [.sigterm], logger: logger))
try await group.run()

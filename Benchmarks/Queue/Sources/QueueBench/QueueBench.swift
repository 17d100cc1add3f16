import Foundation
import Logging
import ParleyCore
import ParleyStore
import SQLKit

/// Claims per second from Parley's job queue beside 1,000 and 1,000,000 other jobs, on SQLite or
/// PostgreSQL: a queue whose claims slow down as its table grows slows every email and webhook.
///
///     swift build -c release --package-path Benchmarks/Queue
///     Benchmarks/Queue/.build/release/QueueBench [--database-url postgres://…/postgres] [--sizes 1000,1000000]
///
/// For each size and kind of other jobs, a fresh database holds that many other jobs, either
/// **done** (the history a busy shop leaves behind) or **waiting** (queued for later: retries,
/// reminders, an automation's waits). Then, five times, 2,000 jobs fall due and one worker claims
/// them the way `JobWorker` does: up to 4 at a time, recording the previous batch done in the same
/// transaction; they are deleted after each round, so the other jobs stay as many. Printed: the
/// median round's claims per second, and the rate at each size against the rate at the smallest.
@main
struct QueueBench {
    static let measured = 2_000

    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        func option(_ name: String) -> String? {
            guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
            defer { arguments.removeSubrange(index...index + 1) }
            return arguments[index + 1]
        }
        let url = option("--database-url")
        let sizes = (option("--sizes") ?? "1000,1000000").split(separator: ",").compactMap { Int($0) }
        var logger = Logger(label: "queue-bench")
        logger.logLevel = .error
        print("Job queue on \(url == nil ? "SQLite" : "PostgreSQL"): claims per second (\(measured) due jobs, 4 per claim)")
        for state in ["done", "waiting"] {
            var first: Double?
            for size in sizes {
                let rate = try await withFreshDatabase(url: url, logger: logger) { database in
                    let shop = try await fill(database, others: size, state: state)
                    // The median of five rounds, each on fresh due jobs: one round is a fraction of a second.
                    var rates: [Double] = []
                    for _ in 0..<5 {
                        try await due(database, shop: shop)
                        rates.append(try await claimAll(database))
                        try await database.withConnection { session in
                            try await session.sql.raw("DELETE FROM jobs WHERE idempotency_key LIKE 'due-%'").run()
                        }
                    }
                    return rates.sorted()[2]
                }
                first = first ?? rate
                let ratio = rate / (first ?? rate)
                print(
                    "  \(String(size).padding(toLength: 8, withPad: " ", startingAt: 0)) other jobs \(state.padding(toLength: 8, withPad: " ", startingAt: 0))"
                        + " \(String(format: "%8.0f", rate)) claims/s  \(String(format: "%.2f", ratio)) of the rate at \(sizes[0])"
                        + (size == sizes.last && sizes.count > 1
                            ? (ratio >= 0.9 ? "  (goal >= 0.90: met)" : "  (goal >= 0.90: not met)") : ""))
            }
        }
    }

    /// A database of its own for one measurement: a SQLite file in a fresh folder, or a fresh
    /// PostgreSQL database next to the one `url` names.
    static func withFreshDatabase(url: String?, logger: Logger, _ body: @Sendable (ParleyDatabase) async throws -> Double) async throws
        -> Double
    {
        let name = "parley_queue_bench_\(Int.random(in: 100_000...999_999))"
        guard let url else {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let location = try DatabaseLocation(url: nil, dataDirectory: directory)
            return try await ParleyDatabase.withOpened(location, logger: logger) { database in
                try await Migrator(database: database, logger: logger).migrate()
                return try await body(database)
            }
        }
        let admin = try DatabaseLocation(url: url, dataDirectory: "")
        try await ParleyDatabase.withOpened(admin, logger: logger) { database in
            try await database.withConnection { session in try await session.sql.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        }
        let fresh = url.replacingOccurrences(of: "/postgres?", with: "/\(name)?")
        let result: Result<Double, any Error>
        do {
            result = .success(
                try await ParleyDatabase.withOpened(try DatabaseLocation(url: fresh, dataDirectory: ""), logger: logger) { database in
                    try await Migrator(database: database, logger: logger).migrate()
                    return try await body(database)
                })
        } catch {
            result = .failure(error)
        }
        try await ParleyDatabase.withOpened(admin, logger: logger) { database in
            try await database.withConnection { session in try await session.sql.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name)").run() }
        }
        return try result.get()
    }

    /// A shop with `others` jobs in `state`.
    static func fill(_ database: ParleyDatabase, others: Int, state: String) async throws -> ShopID {
        let now = Date()
        let shop = try await database.withConnection { session in
            try await ShopRepository(session).insert(slug: "bench", name: "Bench", defaultLocale: "en", timeZone: "UTC", now: now).id
        }
        let status = state == "done" ? JobStatus.done.rawValue : JobStatus.queued.rawValue
        // Done a day ago, or due in a day.
        let runAt = now.addingTimeInterval(state == "done" ? -86_400 : 86_400)
        let finished: SQLQueryString = state == "done" ? "\(bind: runAt)" : "NULL"
        var inserted = 0
        while inserted < others {
            let batch = min(50_000, others - inserted)
            try await database.transaction { session in
                let series: SQLQueryString =
                    database.backend == .postgres
                    ? "SELECT n FROM generate_series(\(bind: inserted), \(bind: inserted + batch - 1)) AS n"
                    : "WITH RECURSIVE s(n) AS (SELECT \(bind: inserted) UNION ALL SELECT n + 1 FROM s WHERE n < \(bind: inserted + batch - 1)) SELECT n FROM s"
                try await session.sql.raw(
                    """
                    INSERT INTO jobs (shop_id, kind, payload, status, attempts, max_attempts, run_at, idempotency_key, created_at, updated_at, finished_at)
                    SELECT \(bind: shop.rawValue), 'email.receive', '{"mail":"eml_other"}', \(bind: status), \(bind: state == "done" ? 1 : 0), 8,
                        \(bind: runAt), 'other-' || CAST(n AS TEXT), \(bind: runAt), \(bind: runAt), \(finished)
                    FROM (\(series)) AS numbers
                    """
                ).run()
            }
            inserted += batch
        }
        // Statistics as a long-running database has them.
        try await database.withConnection { session in try await session.sql.raw("ANALYZE").run() }
        return shop
    }

    /// The jobs to claim, due an hour ago (older than any other due job).
    static func due(_ database: ParleyDatabase, shop: ShopID) async throws {
        let now = Date()
        try await database.transaction { session in
            for index in 0..<measured {
                try await JobQueue.enqueue(
                    NewJob(
                        shop: shop, kind: "email.receive", payload: #"{"mail":"eml_due"}"#, runAt: now.addingTimeInterval(-3600),
                        idempotencyKey: "due-\(index)"),
                    on: session, now: now)
            }
        }
    }

    /// Claims every due job as `JobWorker` does; returns claims per second.
    static func claimAll(_ database: ParleyDatabase) async throws -> Double {
        let started = ContinuousClock.now
        var claimed = 0
        var previous: [ClaimedJob] = []
        while claimed < measured {
            let now = Date()
            let done = previous
            previous = try await database.transaction { session in
                _ = try await JobQueue.complete(done, now: now, on: session)
                return try await JobQueue.claim(
                    workerID: "bench", kinds: ["email.receive"], now: now, lease: .seconds(60), limit: 4, on: session
                )
            }
            guard !previous.isEmpty else { break }
            claimed += previous.count
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        guard claimed == measured else { throw QueueBenchError.missed(claimed) }
        return Double(claimed) / seconds
    }
}

enum QueueBenchError: Error {
    case missed(Int)
}

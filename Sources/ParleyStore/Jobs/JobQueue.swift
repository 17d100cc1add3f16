import Foundation
import ParleyCore
import SQLKit

/// The durable job queue: a table, claimed with `FOR UPDATE SKIP LOCKED` on PostgreSQL and inside an
/// immediate transaction on SQLite. A lease that runs out returns a crashed worker's job to the queue.
public struct JobQueue: Sendable {
    private let database: ParleyDatabase

    public init(database: ParleyDatabase) { self.database = database }

    /// Adds `job` inside the caller's transaction (the transactional outbox); returns its id and
    /// whether it was new, or the id of the job that already had its idempotency key.
    @discardableResult
    public static func enqueue(_ job: NewJob, on session: DatabaseSession, now: Date) async throws -> (id: Int64, inserted: Bool) {
        let sql = session.sql
        let row = try await sql.raw(
            """
            INSERT INTO jobs (shop_id, kind, payload, status, attempts, max_attempts, run_at, idempotency_key, created_at, updated_at)
            VALUES (\(bind: job.shop.rawValue), \(bind: job.kind), \(bind: job.payload), \(JobStatus.queued.literal), 0,
                    \(bind: Int64(job.maxAttempts)), \(bind: job.runAt), \(bind: job.idempotencyKey), \(bind: now), \(bind: now))
            ON CONFLICT (shop_id, kind, idempotency_key) DO NOTHING
            RETURNING id
            """
        ).first()
        if let row {
            TransactionEffects.current?.noteEnqueued()
            return (try row.value("id"), true)
        }
        let existing = try await sql.raw(
            """
            SELECT id FROM jobs WHERE shop_id = \(bind: job.shop.rawValue) AND kind = \(bind: job.kind)
            AND idempotency_key = \(bind: job.idempotencyKey)
            """
        ).first()
        guard let existing else { throw StoreError.missingRow("job with idempotency key") }
        return (try existing.value("id"), false)
    }

    /// Adds `job` in a transaction of its own.
    @discardableResult
    public func enqueue(_ job: NewJob, now: Date) async throws -> (id: Int64, inserted: Bool) {
        try await database.transaction { sql in try await Self.enqueue(job, on: sql, now: now) }
    }

    /// Leases the job that is due first, of one of `kinds`, to `workerID` until `now + lease`.
    public func claim(workerID: String, kinds: [String], now: Date, lease: Duration) async throws -> ClaimedJob? {
        try await database.transaction { sql in
            try await Self.claim(workerID: workerID, kinds: kinds, now: now, lease: lease, limit: 1, on: sql)
        }.first
    }

    /// Leases up to `limit` due jobs of `kinds`, oldest first, inside the caller's transaction.
    public static func claim(
        workerID: String, kinds: [String], now: Date, lease: Duration, limit: Int, on session: DatabaseSession
    ) async throws -> [ClaimedJob] {
        let sql = session.sql
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let backend: ParleyDatabase.Backend = sql.isPostgres ? .postgres : .sqlite
        let kindList = SQLList(kinds.map { SQLBind($0) })
        let leaseEnd = now.addingTimeInterval(TimeInterval(lease.components.seconds))
        // A job whose worker died during its last attempt is not run again: it may be what kills workers.
        try await sql.raw(
            """
            UPDATE jobs SET status = \(JobStatus.dead.literal), updated_at = \(bind: now), locked_by = NULL,
                last_error = \(bind: "the lease expired during the last attempt: the worker stopped or hung")
            WHERE status = \(JobStatus.running.literal) AND lease_expires_at < \(bind: now) AND attempts >= max_attempts
                AND kind IN (\(kindList))
            """
        ).run()
        // Due jobs and jobs whose lease ran out, each found through the (status, run_at) index on
        // its own: as one `OR`, both databases scanned the whole table, and a million finished or
        // scheduled jobs made a claim two hundred times slower.
        let count = String(limit)
        let rows = try await sql.raw(
            """
            UPDATE jobs SET status = \(JobStatus.running.literal), attempts = attempts + 1, locked_by = \(bind: workerID),
                lease_expires_at = \(bind: leaseEnd), updated_at = \(bind: now)
            WHERE id IN (
                SELECT id FROM (
                    SELECT id, run_at FROM (
                        SELECT id, run_at FROM jobs
                        WHERE status = \(JobStatus.queued.literal) AND run_at <= \(bind: now) AND kind IN (\(kindList))
                        ORDER BY run_at, id LIMIT \(unsafeRaw: count)\(unsafeRaw: backend.skipLocked)) AS due
                    UNION ALL
                    SELECT id, run_at FROM (
                        SELECT id, run_at FROM jobs
                        WHERE status = \(JobStatus.running.literal) AND lease_expires_at < \(bind: now) AND kind IN (\(kindList))
                        ORDER BY run_at, id LIMIT \(unsafeRaw: count)\(unsafeRaw: backend.skipLocked)) AS expired
                ) AS claimable
                ORDER BY run_at, id LIMIT \(unsafeRaw: count))
            RETURNING id, shop_id, kind, payload, attempts, max_attempts, run_at
            """
        ).all()
        let claimed = try rows.map { row in
            (
                runAt: try row.value("run_at", as: Date.self),
                job: ClaimedJob(
                    id: try row.value("id"), shop: try row.shopID, kind: try row.value("kind"), payload: try row.value("payload"),
                    attempt: Int(try row.value("attempts", as: Int64.self)),
                    maxAttempts: Int(try row.value("max_attempts", as: Int64.self)),
                    workerID: workerID)
            )
        }
        // RETURNING gives rows in no particular order.
        return claimed.sorted { ($0.runAt, $0.job.id) < ($1.runAt, $1.job.id) }.map(\.job)
    }

    /// Marks the job done; false when the lease was lost to another worker meanwhile.
    public func complete(_ job: ClaimedJob, now: Date) async throws -> Bool {
        try await database.withConnection { sql in try await Self.complete([job], now: now, on: sql) }.contains(job.id)
    }

    /// Marks `jobs` done in one statement; returns the ids recorded (the others' leases were lost).
    public static func complete(_ jobs: [ClaimedJob], now: Date, on session: DatabaseSession) async throws -> Set<Int64> {
        let sql = session.sql
        return try await update(
            jobs, on: sql,
            set: """
                status = \(JobStatus.done.literal), finished_at = \(bind: now), lease_expires_at = NULL, updated_at = \(bind: now)
                """)
    }

    /// Records a failed attempt: the job runs again at `retryAt`, or is dead when `retryAt` is nil.
    public func fail(_ job: ClaimedJob, error: String, retryAt: Date?, now: Date) async throws -> Bool {
        try await database.withConnection { sql in try await Self.fail(job, error: error, retryAt: retryAt, now: now, on: sql) }
    }

    /// `fail(_:error:retryAt:now:)` inside the caller's transaction.
    public static func fail(_ job: ClaimedJob, error: String, retryAt: Date?, now: Date, on session: DatabaseSession) async throws -> Bool {
        let sql = session.sql
        let status: JobStatus = retryAt == nil ? .dead : .queued
        return try await !update(
            [job], on: sql,
            set: """
                status = \(status.literal), run_at = \(bind: retryAt ?? now), last_error = \(bind: String(error.prefix(2000))),
                lease_expires_at = NULL, locked_by = NULL, updated_at = \(bind: now)
                """
        ).isEmpty
    }

    /// Keeps the leases of running `jobs` in one statement; returns the ids still held.
    public func extendLeases(_ jobs: [ClaimedJob], until leaseEnd: Date, now: Date) async throws -> Set<Int64> {
        guard !jobs.isEmpty else { return [] }
        return try await database.withConnection { session in
            try await Self.update(jobs, on: session.sql, set: "lease_expires_at = \(bind: leaseEnd), updated_at = \(bind: now)")
        }
    }

    /// Updates the jobs still leased to their claims (the same worker and attempt, still running).
    private static func update(_ jobs: [ClaimedJob], on sql: any SQLDatabase, set assignments: SQLQueryString) async throws -> Set<Int64> {
        guard !jobs.isEmpty else { return [] }
        let claims = SQLList(
            jobs.map { job -> SQLQueryString in
                "(id = \(bind: job.id) AND locked_by = \(bind: job.workerID) AND attempts = \(bind: Int64(job.attempt)))"
            }, separator: SQLRaw(" OR "))
        let rows = try await sql.raw(
            """
            UPDATE jobs SET \(assignments)
            WHERE (\(claims)) AND status = \(JobStatus.running.literal)
            RETURNING id
            """
        ).all()
        return Set(try rows.map { try $0.value("id", as: Int64.self) })
    }

    /// Deletes up to `limit` jobs that ended before `cutoff`: done ones, and dead ones before
    /// `deadCutoff` (kept longer, for whoever investigates a failure). Returns how many went.
    public func prune(doneBefore cutoff: Date, deadBefore deadCutoff: Date, limit: Int) async throws -> Int {
        try await database.withConnection { session in
            try await session.sql.raw(
                """
                DELETE FROM jobs WHERE id IN (
                    SELECT id FROM jobs
                    WHERE (status = \(JobStatus.done.literal) AND run_at < \(bind: cutoff)
                            AND COALESCE(finished_at, updated_at) < \(bind: cutoff))
                        OR (status = \(JobStatus.dead.literal) AND run_at < \(bind: deadCutoff) AND updated_at < \(bind: deadCutoff))
                    LIMIT \(unsafeRaw: String(limit)))
                RETURNING id
                """
            ).all().count
        }
    }

    /// The job with `id` in `shop`.
    public func find(shop: ShopID, id: Int64) async throws -> JobRecord? {
        try await database.withConnection { session in
            try await session.sql.raw("SELECT * FROM jobs WHERE shop_id = \(bind: shop.rawValue) AND id = \(bind: id)").first().map(
                Self.record)
        }
    }

    /// The jobs of `shop` in `status`, oldest first.
    public func list(shop: ShopID, status: JobStatus, limit: Int = 100) async throws -> [JobRecord] {
        try await database.withConnection { session in
            try await session.sql.raw(
                """
                SELECT * FROM jobs WHERE shop_id = \(bind: shop.rawValue) AND status = \(bind: status.rawValue) ORDER BY id LIMIT \(bind: limit)
                """
            ).all().map(Self.record)
        }
    }

    private static func record(_ row: any SQLRow) throws -> JobRecord {
        guard let status = JobStatus(rawValue: try row.value("status")) else {
            throw StoreError.undecodable(column: "status", underlying: "unknown job status")
        }
        return JobRecord(
            id: try row.value("id"), shop: try row.shopID, kind: try row.value("kind"), status: status,
            attempts: Int(try row.value("attempts", as: Int64.self)), lastError: try row.value("last_error"),
            runAt: try row.value("run_at"), lockedBy: try row.value("locked_by"))
    }
}

extension JobStatus {
    /// The status as an SQL literal, never a bind. Only then may either database use the partial
    /// index of running jobs, and SQLite keeps the statement's plan: a bound status in a statement
    /// that touches that index made SQLite plan the statement again at every run.
    fileprivate var literal: SQLRaw { SQLRaw("'\(rawValue)'") }
}

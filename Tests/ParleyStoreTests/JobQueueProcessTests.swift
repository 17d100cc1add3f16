import Foundation
import ParleyCore
import ParleyStore
import ParleyTestSupport
import SQLKit
import Testing

/// Real worker processes racing on one database, and one killed with SIGKILL in the middle of a job.
@Suite("Job queue across processes", .serialized, .timeLimit(.minutes(5)))
struct JobQueueProcessTests {
    @Test("two worker processes run every job exactly once", arguments: TestDatabase.available)
    func twoWorkersNoDuplicates(kind: TestDatabase) async throws {
        try await kind.withFresh { database, location in
            let world = try await World.given(database)
            try await Self.createProbeTable(database)
            let queue = JobQueue(database: database)
            for index in 0..<60 {
                try await queue.enqueue(NewJob(shop: world.shop.id, kind: "probe", payload: "job \(index)", runAt: Date()), now: Date())
            }
            let workers = try [Probe(location, lease: 30, concurrency: 3), Probe(location, lease: 30, concurrency: 3)]
            defer { for worker in workers { worker.stop() } }
            try await Self.waitUntil("all 60 jobs are done") {
                try await Self.count(database, "SELECT COUNT(*) AS n FROM jobs WHERE status = 'done'") == 60
            }
            let runs = try await database.withConnection { session in
                try await session.sql.raw("SELECT job_id, phase, COUNT(*) AS n FROM probe_runs GROUP BY job_id, phase").all()
            }
            #expect(runs.count == 120)
            for row in runs { #expect(try row.decode(column: "n", as: Int64.self) == 1) }
        }
    }

    @Test("a job whose worker is killed mid-run is finished by another worker", arguments: TestDatabase.available)
    func killedWorkerJobCompletes(kind: TestDatabase) async throws {
        try await kind.withFresh { database, location in
            let world = try await World.given(database)
            try await Self.createProbeTable(database)
            let (id, _) = try await JobQueue(database: database).enqueue(
                NewJob(shop: world.shop.id, kind: "probe", payload: "sleep:3", runAt: Date()), now: Date())
            let doomed = try Probe(location, lease: 2, concurrency: 1)
            defer { doomed.stop() }
            try await Self.waitUntil("the first worker starts the job") {
                try await Self.count(database, "SELECT COUNT(*) AS n FROM probe_runs WHERE phase = 'start'") == 1
            }
            doomed.kill()
            let rescuer = try Probe(location, lease: 2, concurrency: 1)
            defer { rescuer.stop() }
            try await Self.waitUntil("the second worker finishes the job") {
                try await JobQueue(database: database).find(shop: world.shop.id, id: id)?.status == .done
            }
            let runs = try await database.withConnection { session in
                try await session.sql.raw("SELECT worker, phase FROM probe_runs ORDER BY rowid_order").all()
            }
            let phases = try runs.map {
                "\(try $0.decode(column: "worker", as: String.self)):\(try $0.decode(column: "phase", as: String.self))"
            }
            #expect(phases == ["probe-\(doomed.pid):start", "probe-\(rescuer.pid):start", "probe-\(rescuer.pid):done"])
            #expect(try await JobQueue(database: database).find(shop: world.shop.id, id: id)?.attempts == 2)
        }
    }

    private static func createProbeTable(_ database: ParleyDatabase) async throws {
        let key = database.backend == .sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        try await database.withConnection { session in
            try await session.sql.raw("CREATE TABLE probe_runs (rowid_order \(unsafeRaw: key), job_id BIGINT, worker TEXT, phase TEXT)")
                .run()
        }
    }

    private static func count(_ database: ParleyDatabase, _ query: String) async throws -> Int64 {
        try await database.withConnection { session in
            try await session.sql.raw(SQLQueryString(query)).first()?.decode(column: "n", as: Int64.self) ?? 0
        }
    }

    /// Polls `condition` until it holds; fails after a generous minute, which only a broken queue reaches.
    private static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting until \(what)")
        throw CancellationError()
    }
}

/// A `ParleyJobProbe` worker process.
struct Probe {
    let child: ChildProcess
    var pid: Int32 { child.pid }

    init(_ location: DatabaseLocation, lease: Int, concurrency: Int) throws {
        // The probe is built beside this test bundle.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("ParleyJobProbe")
        process.arguments = [location.url, String(lease), String(concurrency)]
        child = try ChildProcess(process)
    }

    func kill() {
        child.killNow()
    }

    func stop() {
        child.terminate()
    }
}

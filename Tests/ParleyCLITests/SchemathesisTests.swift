import Foundation
import ParleyStore
import ParleyTestSupport
import Testing

/// Schemathesis (PyPI) against the `openapi.yaml` the running server serves: every operation gets
/// boundary and random requests, valid and invalid, and any 5xx, undocumented status, wrong content
/// type or answer that breaks its documented schema fails the run. The demo shop gives it real data.
@Suite("The API contract under schemathesis", .timeLimit(.minutes(10)))
struct SchemathesisTests {
    @Test("no server error and no schema violation on any operation", arguments: TestDatabase.available)
    func contract(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-st-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            // Thousands of refused requests would bury CI's log in warnings; errors still show.
            let server = try await ParleyServer.start(store + ["--demo"], environment: ["PARLEY_LOG_LEVEL": "error"])
            defer { server.stop() }
            let key = try await CommandLineTests.apiKey(shop: "demo", ["--name", "schemathesis"], store: store)
            let report = FileManager.default.temporaryDirectory.appendingPathComponent("parley-st-\(UUID().uuidString).xml")
            defer { try? FileManager.default.removeItem(at: report) }
            // A fixed seed: the same requests every run, so a failure is a bug to fix, never noise.
            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", "-m", "schemathesis.cli", "run", "\(server.base)/api/v1/openapi.yaml", "--header",
                    "Authorization: Bearer \(key)", "--checks",
                    "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,"
                        + "response_headers_conformance",
                    // One worker: Hypothesis's lambda-source cache is not thread-safe, and two workers
                    // occasionally fail inside it with FlakyFailure, which would be noise, not a finding.
                    "--phases", "coverage,fuzzing", "--max-examples", "10", "--seed", "20261205", "--workers", "1",
                    "--request-timeout", "20", "--no-color", "--report", "junit", "--report-junit-path", report.path,
                ], limit: .seconds(540))
            let output = String(decoding: run.output, as: UTF8.self)
            #expect(run.status == 0, "schemathesis found problems:\n\(output.suffix(8000))")
            let selected = output.firstMatch(of: /Selected: (\d+)\/(\d+)/)
            let tested = output.firstMatch(of: /Tested: (\d+)/)
            #expect(
                selected?.1 == selected?.2 && tested?.1 == selected?.2 && tested != nil,
                "every operation was tried:\n\(output.suffix(2000))")
        }
    }
}

import Foundation
import ParleyTestSupport
import Testing

@Suite("Programs a test runs")
struct ChildProcessTests {
    @Test("a program that never closes its output is stopped at its limit, and what it printed is reported")
    func neverEnds() async throws {
        let started = ContinuousClock.now
        await #expect {
            _ = try await ChildProcess.output(URL(fileURLWithPath: "/bin/sh"), ["-c", "echo begun; exec sleep 600"], limit: .seconds(2))
        } throws: { error in
            guard let error = error as? ChildProcess.DidNotEnd else { return false }
            return String(decoding: error.output ?? Data(), as: UTF8.self) == "begun\n"
        }
        // Far below the program's own 600 s: the wait ended at the limit, not with the program.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test("a program that ends in time gives its status and everything it printed")
    func endsInTime() async throws {
        let run = try await ChildProcess.output(URL(fileURLWithPath: "/bin/sh"), ["-c", "seq 1 100000; exit 3"], limit: .seconds(60))
        #expect(run.status == 3)
        #expect(String(decoding: run.output, as: UTF8.self).split(separator: "\n").last == "100000")
    }
}

import Dispatch
import Foundation
import Synchronization
import Testing

/// A program a test runs (`parley`, a Python script), whose end is noticed by its termination
/// handler or, should that not come, by asking the kernel. On Linux, Foundation's `Process` can miss
/// the end of a program under load (`waitUntilExit` waits forever, the termination handler never
/// runs): with many programs started at once from many threads, a program that had long exited
/// was taken for one that would not stop. Every wait here also has a limit, so a program that
/// really hangs fails its test instead of the whole run.
public final class ChildProcess: @unchecked Sendable {
    // Unchecked: `Process` is not Sendable; it is only read here after `run()` and signalled by pid.
    public let process: Process
    private let ended = DispatchGroup()
    /// The exit status the kernel reported, when Foundation had not noticed the end yet.
    private let reported = Mutex<Int32?>(nil)

    /// Runs `process`, already configured.
    public init(_ process: Process) throws {
        self.process = process
        ended.enter()
        let ended = ended
        // Set before `run()`, so a program that ends at once is still noticed.
        process.terminationHandler = { _ in ended.leave() }
        do {
            try process.run()
        } catch {
            ended.leave()
            throw error
        }
    }

    /// `executable` with `arguments`, its standard output read to the end; stderr goes to the test log.
    ///
    /// The reading and waiting happen on a GCD thread: a test that blocked one of Swift's cooperative
    /// threads (two on a two-core machine) while a program ran would stall every other test, and two
    /// such tests at once stalled the whole run past other tests' time limits.
    public static func output(
        _ executable: URL, _ arguments: [String], input: Data? = nil, limit: Duration = .seconds(120)
    ) async throws -> (status: Int32, output: Data) {
        try await OffPool.run { try blockingOutput(executable, arguments, input: input, limit: limit) }
    }

    /// A Python script with `arguments`; what it printed.
    public static func python(_ script: String, _ arguments: [String], input: Data? = nil) async throws -> Data {
        try await output(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script] + arguments, input: input).output
    }

    private static func blockingOutput(
        _ executable: URL, _ arguments: [String], input: Data?, limit: Duration
    ) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        let child = try ChildProcess(process)
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        // Read beside the wait, so the limit holds for a program that never closes its output (a
        // stuck `schemathesis` kept CI's whole run waiting here until CI's own limit).
        let read = DispatchGroup()
        let data = Mutex(Data())
        read.enter()
        DispatchQueue.global().async {
            let all = output.fileHandleForReading.readDataToEndOfFile()
            data.withLock { $0 = all }
            read.leave()
        }
        do {
            try child.waitForEnd(limit: limit)
        } catch var error as DidNotEnd {
            // Killed, its pipe closes (unless a program it started holds it): what it printed says
            // where it was stuck.
            _ = read.wait(timeout: .now() + .seconds(10))
            error.output = data.withLock { $0 }
            throw error
        }
        read.wait()
        return (child.terminationStatus, data.withLock { $0 })
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { !hasEnded() }

    public var terminationStatus: Int32 {
        if ended.wait(timeout: .now()) == .success { return process.terminationStatus }
        return reported.withLock { $0 } ?? process.terminationStatus
    }

    /// Waits for the program to end on its own; past `limit` it is killed and the wait throws.
    public func waitForEnd(limit: Duration = .seconds(120)) throws {
        guard wait(upTo: limit) else {
            killNow()
            throw DidNotEnd(program: describe, limit: limit)
        }
    }

    /// SIGTERM, as a service manager stops a server; true when it ended within `grace`. A program
    /// that did not is killed and the test records it.
    @discardableResult
    public func terminate(grace: Duration = .seconds(30)) -> Bool {
        guard isRunning else { return true }
        kill(SIGTERM)
        if wait(upTo: grace) { return true }
        Issue.record("\(describe) did not stop within \(grace) of SIGTERM; killed")
        killNow()
        return false
    }

    /// SIGKILL, as a crash or the OOM killer ends a program; returns once it has ended.
    public func killNow() {
        kill(SIGKILL)
        _ = wait(upTo: .seconds(30))
    }

    private func kill(_ signal: Int32) {
        if isRunning { _ = Foundation.kill(pid, signal) }
    }

    private func wait(upTo limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while true {
            if ended.wait(timeout: .now() + .milliseconds(100)) == .success || hasEnded() { return true }
            if ContinuousClock.now >= deadline { return false }
        }
    }

    /// True once the program has ended, whether or not Foundation has noticed.
    private func hasEnded() -> Bool {
        if ended.wait(timeout: .now()) == .success || reported.withLock({ $0 }) != nil { return true }
        var info = siginfo_t()
        // WNOWAIT leaves the child for Foundation to reap, as it expects to.
        let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        if result == -1 {
            // Already reaped by Foundation: its termination handler is on its way.
            guard errno == ECHILD else { return false }
            return ended.wait(timeout: .now() + .seconds(5)) == .success
        }
        guard info._sifields._sigchld.si_pid == pid else { return false }
        reported.withLock { $0 = info._sifields._sigchld.si_status }
        return true
    }

    private var describe: String {
        ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? []).prefix(2)).joined(separator: " ")
    }

    /// A program ran past the time a test gives it.
    public struct DidNotEnd: Error, CustomStringConvertible {
        public let program: String
        public let limit: Duration
        /// What it had printed, when it was read.
        public var output: Data? = nil
        public var description: String {
            let said = output.map { "; its output ended:\n" + String(decoding: $0.suffix(8000), as: UTF8.self) } ?? ""
            return "\(program) was still running after \(limit); killed\(said)"
        }
    }
}

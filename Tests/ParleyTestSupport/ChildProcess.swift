import Dispatch
import Foundation
import Testing

/// A program a test runs (`parley`, a Python script), whose end is noticed by its termination
/// handler. `Process.waitUntilExit` polls a run loop and, on Linux, from a concurrency-pool thread
/// under load it can miss the end of a program that already exited and wait forever; every wait
/// here also has a limit, so a program that really hangs fails its test instead of the whole run.
public final class ChildProcess: @unchecked Sendable {
    // Unchecked: `Process` is not Sendable; it is only read here after `run()` and signalled by pid.
    public let process: Process
    private let ended = DispatchGroup()

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
        try await offCooperativeThreads { try blockingOutput(executable, arguments, input: input, limit: limit) }
    }

    /// A Python script with `arguments`; what it printed.
    public static func python(_ script: String, _ arguments: [String], input: Data? = nil) async throws -> Data {
        try await output(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script] + arguments, input: input).output
    }

    /// Runs `work`, which blocks, on a GCD thread and waits for it without holding a cooperative thread.
    public static func offCooperativeThreads<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
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
        let data = output.fileHandleForReading.readDataToEndOfFile()
        try child.waitForEnd(limit: limit)
        return (process.terminationStatus, data)
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { ended.wait(timeout: .now()) == .timedOut }
    public var terminationStatus: Int32 { process.terminationStatus }

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
        let (seconds, attoseconds) = limit.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        return ended.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }

    private var describe: String {
        ([process.executableURL?.lastPathComponent ?? "?"] + (process.arguments ?? []).prefix(2)).joined(separator: " ")
    }

    /// A program ran past the time a test gives it.
    public struct DidNotEnd: Error, CustomStringConvertible {
        public let program: String
        public let limit: Duration
        public var description: String { "\(program) was still running after \(limit); killed" }
    }
}

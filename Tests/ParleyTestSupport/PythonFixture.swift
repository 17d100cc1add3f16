import Foundation

/// A Python script from a test folder's `Fixtures`, running as a real server on loopback: an SMTP
/// server, an SMS provider. It prints `ready` once it listens, and runs until `stop()`.
public final class PythonFixture: Sendable {
    public let port: Int
    /// A fresh folder the script records what it received into.
    public let directory: URL
    private let child: ChildProcess

    /// Starts `script` (a path) with its port and folder, then `arguments`; returns once it is ready.
    public init(script: String, arguments: [String] = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("parley-fixture-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = FreePort.pick()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, String(port), directory.path] + arguments
        let output = Pipe()
        process.standardOutput = output
        let child = try ChildProcess(process)
        self.child = child
        // Python takes a while to start under load; the read waits on a GCD thread, not a test's.
        let line = await OffPool.run { Self.firstLine(of: output, from: child) }
        guard line.hasPrefix("ready") else {
            stop()
            throw FixtureDidNotStart(script: script, output: line)
        }
    }

    private static func firstLine(of output: Pipe, from child: ChildProcess) -> String {
        // A script that hangs before `ready` is ended, which ends the read below.
        let watchdog = DispatchWorkItem { child.killNow() }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: watchdog)
        defer { watchdog.cancel() }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the script ended before it was ready
            line.append(chunk)
        }
        return String(decoding: line, as: UTF8.self)
    }

    /// The files the script wrote, by name, oldest first.
    public func files(withExtension suffix: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }
            .sorted { $0.count == $1.count ? $0 < $1 : $0.count < $1.count }
            .map { directory.appendingPathComponent($0) }
    }

    public func stop() {
        child.terminate()
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The script did not print `ready`; its output says why (often: pip install aiosmtpd).
public struct FixtureDidNotStart: Error, CustomStringConvertible {
    public let script: String
    public let output: String
    public var description: String {
        "\(script) did not start: \(output.isEmpty ? "no output (is its Python package installed?)" : output)"
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ParleyTestSupport
import Testing

/// `parley serve` as a real process, and HTTP calls to it.
struct ParleyServer {
    let child: ChildProcess
    let port: Int
    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts `parley serve` on a free port with `arguments`; returns once `/health` answers.
    static func start(_ arguments: [String], environment: [String: String] = [:], port: Int = FreePort.pick())
        async throws -> ParleyServer
    {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--port", String(port)] + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        let server = ParleyServer(child: try ChildProcess(process), port: port)
        do {
            try await CommandLineTests.waitForHealth(server.base)
        } catch {
            // A server left running would hold the test run's output open: `swift test` waits for it.
            server.kill()
            throw error
        }
        return server
    }

    /// `parley serve` with its SMTP listener on a free port, sending through a fresh aiosmtpd sink.
    /// The caller stops both.
    static func startWithMail(_ store: [String]) async throws -> (server: ParleyServer, sink: PythonFixture, smtpPort: Int) {
        let sink = try await PythonFixture(script: OrderUpdatesEndToEndTests.smtpSink)
        let smtpPort = FreePort.pick()
        do {
            let server = try await start(
                store + ["--smtp-port", String(smtpPort)], environment: ["PARLEY_SMTP_URL": "smtp://127.0.0.1:\(sink.port)"])
            return (server, sink, smtpPort)
        } catch {
            sink.stop()
            throw error
        }
    }

    /// Sends a request; returns the status and the JSON body (empty when there is none).
    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: String? = nil) async throws
        -> (status: HTTPResponseStatus, json: [String: Any])
    {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.body = .bytes(ByteBuffer(string: body))
            if !request.headers.contains(name: "Content-Type") { request.headers.add(name: "Content-Type", value: "application/json") }
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let data = Data(buffer: try await response.body.collect(upTo: 1 << 22))
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return (response.status, json)
    }

    /// A GET or HEAD as a mail program or a browser makes it, redirects not followed: the status and
    /// the `Location` and `Content-Type` it answered with.
    func fetch(_ path: String, method: HTTPMethod = .GET, userAgent: String) async throws
        -> (status: HTTPResponseStatus, location: String?, contentType: String?)
    {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : base + path)
            request.method = method
            request.headers.add(name: "User-Agent", value: userAgent)
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 22)
            try await client.shutdown()
            return (response.status, response.headers.first(name: "Location"), response.headers.first(name: "Content-Type"))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    func kill() {
        child.killNow()
    }

    /// SIGTERM; true when the server stopped within its grace time.
    @discardableResult
    func stop() -> Bool {
        child.terminate()
    }
}

/// Waits for `condition`, checking every 100 ms; false after `timeout`.
func eventually(within timeout: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return try await condition()
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// The `parley` binary driven the way the README tells a new user to drive it.
@Suite("The parley command", .serialized, .timeLimit(.minutes(5)))
struct CommandLineTests {
    @Test(
        "shop create, apikey create, serve; the key creates and reads customers; SIGTERM stops cleanly",
        arguments: TestDatabase.available)
    func newUser(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(try await Self.parley(["shop", "create", "acme", "--name", "Acme"] + store).status == 0)
            let created = try await Self.parley(["apikey", "create", "--shop", "acme"] + store)
            let key = try #require(created.output.split(separator: "\n").last.map(String.init))
            #expect(key.hasPrefix("prl_"))
            #expect(try await Self.parley(["apikey", "create", "--shop", "missing"] + store).status != 0)

            let server = try await ParleyServer.start(store)
            defer { server.stop() }
            let base = server.base

            var post = HTTPClientRequest(url: base + "/api/v1/customers")
            post.method = .POST
            post.headers.add(name: "Authorization", value: "Bearer \(key)")
            post.headers.add(name: "Content-Type", value: "application/json")
            post.body = .bytes(ByteBuffer(string: #"{"identities":[{"kind":"email","value":"Анна@Пример.рф"}],"locale":"ru-RU"}"#))
            let createdResponse = try await HTTPClient.shared.execute(post, timeout: .seconds(30))
            #expect(createdResponse.status == .created)
            let body = try await createdResponse.body.collect(upTo: 1 << 20)
            let id = try #require((try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])?["id"] as? String)

            var get = HTTPClientRequest(url: base + "/api/v1/customers/\(id)")
            get.headers.add(name: "Authorization", value: "Bearer \(key)")
            let read = try await HTTPClient.shared.execute(get, timeout: .seconds(30))
            let readBody = try await read.body.collect(upTo: 1 << 20)
            let customer = try JSONSerialization.jsonObject(with: Data(buffer: readBody)) as? [String: Any]
            #expect((customer?["identities"] as? [[String: String]])?.first?["value"] == "анна@пример.рф")

            // A connection that never sends a request, as a browser's preconnect: SIGTERM still stops
            // the server, after at most the graceful limit (10 s), not when the client gives up.
            let idle = try LoopbackSocket.connect(port: server.port)
            defer { close(idle) }
            #expect(server.child.terminate(grace: .seconds(20)))
            #expect(server.child.terminationStatus == 0)
        }
    }

    @Test("keys are listed and revoked, agents keep their role unless told, and the audit log says who did what")
    func administration() async throws {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let store = ["--data-dir", dataDir]
        #expect(try await Self.parley(["shop", "create", "acme"] + store).status == 0)
        let created = try await Self.parley(
            ["apikey", "create", "--shop", "acme", "--name", "reports", "--read-only", "--expires", "90d"] + store)
        let prefix = try #require(created.output.split(separator: " ").first { $0.hasPrefix("prl_") }.map(String.init))
        let listed = try await Self.parley(["apikey", "list", "--shop", "acme"] + store).output
        #expect(
            listed.contains("\(prefix)  reports  read_only  active") && listed.contains("last used never") && listed.contains("expires "))
        #expect(try await Self.parley(["apikey", "revoke", "--shop", "acme", prefix] + store).output == "Revoked \(prefix) (reports).\n")
        #expect(try await Self.parley(["apikey", "list", "--shop", "acme"] + store).output.contains("read_only  revoked"))
        #expect(try await Self.parley(["apikey", "revoke", "--shop", "acme", prefix] + store).status != 0)

        func addUser(_ extra: [String]) async throws -> String {
            let run = try await ChildProcess.output(
                Self.executable, ["user", "add", "--shop", "acme", "--email", "ola@acme.test"] + extra + store,
                input: Data("a long enough password\n".utf8))
            return String(decoding: run.output, as: UTF8.self)
        }
        #expect(try await addUser(["--role", "owner"]) == "Added ola@acme.test as owner.\n")
        // Resetting a password without --role must not demote the owner.
        #expect(try await addUser([]) == "Set a new password for ola@acme.test.\n")
        #expect(try await addUser(["--role", "admin"]) == "Set a new password for ola@acme.test.\n")

        let csv = try await Self.parley(["audit-log", "--shop", "acme"] + store).output.split(separator: "\r\n").map(String.init)
        #expect(csv.first == "time,actor_kind,actor,address,action,target,detail")
        let actions = csv.dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(4).prefix(2).joined(separator: " ")
        }
        #expect(
            actions == [
                "agent.role_changed ola@acme.test", "agent.password_set ola@acme.test", "agent.password_set ola@acme.test",
                "agent.added ola@acme.test", "api_key.revoked \(prefix)", "api_key.created \(prefix)",
            ])
        #expect(csv.allSatisfy { $0 == csv.first || $0.contains(",cli,parley,,") })
        #expect(csv[1].hasSuffix("from=owner; to=admin"))
    }

    static let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("parley")

    static func parley(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let run = try await ChildProcess.output(executable, arguments)
        return (run.status, String(decoding: run.output, as: UTF8.self))
    }

    /// A new API key of `shop`, made with `parley apikey create`, which prints it on its last line.
    static func apiKey(shop: String, _ extra: [String] = [], store: [String]) async throws -> String {
        let created = try await parley(["apikey", "create", "--shop", shop] + extra + store)
        return try #require(created.output.split(separator: "\n").last.map(String.init), "apikey create printed nothing")
    }

    /// `parley user add` with `password` typed at its prompt, as an operator adds an agent; the exit status.
    static func addAgent(_ arguments: [String], password: String, store: [String]) async throws -> Int32 {
        try await ChildProcess.output(executable, ["user", "add"] + arguments + store, input: Data("\(password)\n".utf8)).status
    }

    /// Polls `/health` until the server answers; fails after a minute, which only a broken start reaches.
    static func waitForHealth(_ base: String) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/health"), timeout: .seconds(2)),
                response.status == .ok
            {
                return
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("parley serve did not answer /health within a minute")
        throw CancellationError()
    }
}

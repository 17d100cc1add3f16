import Foundation
import ParleyStore
import ParleyTestSupport
import Testing

/// A new owner connects a local receiver on the Webhooks page in a real headless Chromium, and each
/// new email and chat message reaches it signed (checked by the standardwebhooks package).
@Suite("Webhooks in a real browser", .serialized, .timeLimit(.minutes(6)))
struct WebhookBrowserTests {
    struct Event: Decodable {
        let type: String
        let verified: Bool
    }

    struct Seen: Decodable {
        let empty: String
        let refusal: String
        let keptURL: String
        let checked: [String]
        let notice: String
        let secretShape: Bool
        let test: Bool
        let email: Event?
        let chat: Event?
        let log: [String]
        let listed: [String]
        let phoneOverflow: Bool
        let violations: [String: [BrowserPagesTests.Violation]]
    }

    @Test(
        "an owner subscribes a local receiver to new messages, sends a test event, and sees an email and a chat message arrive signed and in the log",
        arguments: TestDatabase.available)
    func connect(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-webhooks-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-webhooks-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(try await CommandLineTests.parley(["shop", "create", "acme", "--name", "Acme"] + store).status == 0)
            let password = "webhook browser password 42"
            #expect(
                try await CommandLineTests.addAgent(
                    ["--shop", "acme", "--email", "owner@acme.example", "--name", "Olga", "--role", "owner"], password: password,
                    store: store) == 0)
            let key = try await CommandLineTests.apiKey(shop: "acme", store: store)
            let server = try await ParleyServer.start(store + ["--webhook-allow-network", "127.0.0.1/32"])
            defer { server.stop() }

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("webhook_browser.py").path, server.base, "acme",
                    "owner@acme.example", password, key, shots.path,
                ], limit: .seconds(240))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.empty == "No webhook yet.")
            #expect(seen.refusal.contains("private and local addresses"), "\(seen.refusal)")
            #expect(seen.keptURL == "http://169.254.169.254/latest/meta-data/")
            #expect(seen.checked == ["message.created"], "new messages are what most receivers want first")
            #expect(seen.notice.hasPrefix("Webhook added"))
            #expect(seen.secretShape && seen.test)
            #expect(seen.email?.verified == true && seen.email?.type == "message.created", "the email reached the receiver signed")
            #expect(seen.chat?.verified == true && seen.chat?.type == "message.created", "the chat message reached the receiver signed")
            #expect(seen.log.filter { $0.hasSuffix("Delivered") }.count >= 3, "\(seen.log)")
            #expect(seen.listed.count == 1 && seen.listed[0].contains("My CRM") && seen.listed[0].contains("On"), "\(seen.listed)")
            #expect(!seen.phoneOverflow, "the page fits a phone")
            for (page, violations) in seen.violations {
                #expect(violations.isEmpty, "\(page): \(violations); screenshots in \(shots.path)")
            }
        }
    }
}

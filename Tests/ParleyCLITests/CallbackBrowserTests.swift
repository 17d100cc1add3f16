import Foundation
import ParleyStore
import ParleyTestSupport
import Testing

/// After hours, a visitor asks to be called back from the chat widget in a real headless Chromium,
/// and the request waits in the inbox's callback queue until an agent logs the call.
@Suite("Callback requests in real browsers", .serialized, .timeLimit(.minutes(6)))
struct CallbackBrowserTests {
    struct QueueRow: Decodable {
        let window: String
        let state: String
        let phone: String
        let text: String
    }

    struct Seen: Decodable {
        let status: String
        let prechatBlocked: Bool
        let sentAfterEmail: String
        let firstWindow: String
        let windows: Int
        let phoneError: String
        let done: String
        let formHidden: Bool
        let queue: [QueueRow]
        let navLabel: String?
        let queueAfter: Int
        let empty: String?
        let violations: [String: [BrowserPagesTests.Violation]]
    }

    /// Four opening hours a day that leave the shop closed now (UTC), so the visitor meets it after hours.
    static func closedNow(_ now: Date = Date()) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = .gmt
        let start = (utc.component(.hour, from: now) + 6) % 21
        return String(format: "mon-sun %02d:00-%02d:00", start, start + 4)
    }

    @Test(
        "after hours a Polish visitor picks a window in their own time, a wrong number is explained, and the request waits in the queue until a call settles it",
        arguments: TestDatabase.available)
    func afterHours(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-callback-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-callback-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(
                try await CommandLineTests.parley(["shop", "create", "nocna", "--name", "Nocna", "--locale", "pl"] + store).status == 0)
            #expect(
                try await CommandLineTests.parley(
                    ["shop", "set", "nocna", "inbox.business_hours=\(Self.closedNow())", "widget.prechat=email"] + store
                )
                .status == 0)
            let password = "callback browser password 42"
            #expect(
                try await CommandLineTests.addAgent(
                    ["--shop", "nocna", "--email", "ola@nocna.example", "--name", "Ola", "--role", "owner"], password: password,
                    store: store) == 0)
            let server = try await ParleyServer.start(store)
            defer { server.stop() }

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("callback_browser.py").path, server.base, "nocna",
                    "ola@nocna.example", password, shots.path,
                ], limit: .seconds(180))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.status.hasPrefix("Teraz nikogo nie ma"), "after hours the widget says so: \(seen.status)")
            #expect(seen.windows > 0 && seen.firstWindow.contains("–"), "a window, said in Polish: \(seen.firstWindow)")
            #expect(seen.prechatBlocked, "the shop asks for an email address before the first message")
            #expect(seen.sentAfterEmail == "Czy wysyłacie do Gdańska?", "the message goes once the address is given")
            #expect(seen.phoneError.contains("numer telefonu"))
            #expect(seen.done.hasPrefix("Zadzwonimy pod numer +48 601 234 567: \(seen.firstWindow)"), "\(seen.done)")
            #expect(seen.formHidden)
            let row = try #require(seen.queue.first)
            #expect(seen.queue.count == 1 && row.phone == "+48601234567")
            #expect(
                row.text.contains("W sprawie zwrotu kubka") && row.text.contains("Europe/Warsaw"),
                "the customer's own time is shown: \(row.text)")
            #expect(seen.navLabel == "Callbacks")
            #expect(seen.queueAfter == 0 && seen.empty == "Nobody is waiting for a call.")
            for (page, violations) in seen.violations {
                #expect(violations.isEmpty, "\(page): \(violations); screenshots in \(shots.path)")
            }
        }
    }
}

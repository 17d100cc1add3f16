import Foundation
import ParleyStore
import ParleyTestSupport
import Testing

/// Browsing history with and without consent, in real headless Chromium (selenium) on a plain page
/// of another origin, against `parley serve` on each database.
@Suite("Browsing history in real browsers", .serialized, .timeLimit(.minutes(6)))
struct BrowsingBrowserTests {
    struct Viewed: Decodable {
        let heading: String
        let products: [String]
        let link: String?
    }

    struct Seen: Decodable {
        let plainRequests: Int
        let plainStored: String?
        let productRequests: Int
        let viewed: Viewed
        let violations: [BrowserPagesTests.Violation]
    }

    @Test(
        "a page without consent sends nothing; a page that pushes consent and a product view records it, and the agent sees it beside the chat",
        arguments: TestDatabase.available)
    func consentAndRecentlyViewed(kind: TestDatabase) async throws {
        try await kind.withFresh { database, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browsing-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browsing-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(
                try await CommandLineTests.parley(["shop", "create", "kubki", "--name", "Kubki", "--locale", "pl"] + store).status == 0)
            let password = "browsing browser password 42"
            #expect(
                try await CommandLineTests.addAgent(
                    ["--shop", "kubki", "--email", "ola@kubki.example", "--name", "Ola", "--role", "agent"], password: password,
                    store: store) == 0)
            let server = try await ParleyServer.start(store)
            defer { server.stop() }

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("browsing_browser.py").path, server.base,
                    "ola@kubki.example", password, shots.path,
                ], limit: .seconds(180))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.plainRequests == 0 && seen.plainStored == nil, "without consent the widget sends and keeps nothing")
            #expect(seen.productRequests >= 1)
            #expect(seen.viewed.heading == "Recently viewed")
            #expect(seen.viewed.products.first?.hasPrefix("Kubek 350 ml PLN 49.00") == true, "\(seen.viewed.products)")
            #expect(seen.viewed.link?.hasSuffix("/kubek.html") == true)
            #expect(seen.violations.isEmpty, "\(seen.violations); screenshots in \(shots.path)")

            let events = try await DatabaseRows.text(["type", "url"], of: "customer_events", in: database)
            let visitors = try await DatabaseRows.count("chat_visitors", in: database)
            #expect(events.count == 2 && events.allSatisfy { $0.hasSuffix("/kubek.html") }, "only the consenting page: \(events)")
            #expect(visitors == 1, "the visitor who browsed without consent was never known to the server")
        }
    }
}

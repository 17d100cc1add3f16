import Foundation
import NIOHTTP1
import ParleyTestSupport
import Testing

/// Every page an agent or a shop's staff sees, in a real headless Chromium (selenium), in the five
/// languages at desktop and phone widths: each shows its heading in the browser's language and axe-core
/// finds no serious or critical accessibility violation. Screenshots go to a folder the test names.
@Suite("Pages in a real browser", .timeLimit(.minutes(10)))
struct BrowserPagesTests {
    struct Visit: Decodable {
        let page: String
        let language: String
        let width: Int
        let heading: String
        let violations: [Violation]
    }

    struct Violation: Decodable, CustomStringConvertible {
        let id: String
        let impact: String
        let nodes: [String]
        var description: String { "\(impact) \(id): \(nodes.joined(separator: " | "))" }
    }

    @Test(
        "sign-in, inbox, conversation, profile, mail problems, outbox, settings, message previews, help articles and their editor, two-step setup, the public help page, the contact form, the preference centre, automation, the segment and campaign editors, the callback queue and the chat widget: localized, accessible, at 1280 and 390 px"
    )
    func pages() async throws {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-browser-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-screenshots-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let store = ["--data-dir", dataDir]
        let server = try await ParleyServer.start(store + ["--demo"], environment: ["PARLEY_LOG_LEVEL": "error"])
        defer { server.stop() }
        let password = "browser test password 42"
        #expect(
            try await CommandLineTests.addAgent(
                ["--shop", "demo", "--email", "browser@demo.test", "--role", "owner"], password: password, store: store) == 0)
        // A customer who reads Hindi and allowed marketing email, for the preference centre.
        let key = try await CommandLineTests.apiKey(shop: "demo", ["--name", "browser"], store: store)
        let auth = [("Authorization", "Bearer \(key)"), ("Content-Type", "application/json")]
        let customer =
            try await server.call(
                .POST, "/api/v1/customers", headers: auth,
                body:
                    #"{"email":"asha@example.in","phone":"+919876543210","locale":"hi","consents":[{"channel":"email","status":"granted","source":"checkout"}]}"#
            ).json["id"] as? String ?? ""
        let links = try await server.call(.GET, "/api/v1/customers/\(customer)/preferences", headers: auth).json
        let preferences = try #require(URL(string: links["url"] as? String ?? "")?.path)
        let run = try await ChildProcess.output(
            URL(fileURLWithPath: "/usr/bin/env"),
            [
                "python3", EmailInboundPaths.fixtures.appendingPathComponent("browser_pages.py").path, server.base, "browser@demo.test",
                password, shots.path, preferences,
            ], limit: .seconds(540))
        let visits = try JSONDecoder().decode([Visit].self, from: run.output)
        #expect(visits.count == 270, "27 pages × 5 languages × 2 widths; screenshots in \(shots.path)")
        #expect(
            try await server.call(.GET, "/api/v1/customers/\(customer)/preferences", headers: auth).json["frequency"] as? String == "weekly"
        )
        // What a mail client does with List-Unsubscribe-Post: a bare POST, no cookie, no token.
        let oneClick = try await server.call(
            .POST, preferences + "/unsubscribe", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "List-Unsubscribe=One-Click")
        #expect(oneClick.status == .ok)
        let consents = try await server.call(.GET, "/api/v1/customers/\(customer)", headers: auth).json["consents"] as? [[String: Any]]
        #expect(
            consents?.contains {
                $0["channel"] as? String == "email" && $0["purpose"] as? String == "marketing" && $0["status"] as? String == "revoked"
                    && $0["source"] as? String == "unsubscribe link"
            } == true)
        for visit in visits {
            #expect(visit.violations.isEmpty, "\(visit.page) \(visit.language) \(visit.width): \(visit.violations)")
        }
        let headings = Dictionary(
            visits.filter { $0.width == 1280 }.map { ("\($0.page) \($0.language)", $0.heading) }, uniquingKeysWith: { first, _ in first })
        #expect(headings["login pl"] == "Zaloguj się" && headings["login hi"] == "साइन इन करें" && headings["login el"] == "Σύνδεση")
        #expect(headings["security ru"] == "Двухэтапный вход" && headings["security-setup hi"] == "दो-चरणीय साइन-इन")
        #expect(
            headings["home en"] == "Mine" && headings["home pl"] == "Moje"
                && headings["segment-editor pl"] == "Nowy segment")
        #expect(headings["campaign-editor hi"] == "नया कैंपेन")
        #expect(headings["settings-articles ru"] == "Статьи помощи" && headings["settings-articles-new el"] == "Νέο άρθρο")
        #expect(headings["help pl"] == "W czym możemy pomóc?" && headings["help hi"] == "हम आपकी क्या मदद कर सकते हैं?")
        #expect(headings["help-article pl"] == "Czas dostawy" && headings["help-article en"] == "Delivery times")
        #expect(headings["contact-form pl"] == "Napisz do nas" && headings["contact-form-errors hi"] == "हमसे संपर्क करें")
        #expect(headings["preferences pl"] == "Co wysyła Ci Parley Demo Shop" && headings["unsubscribe el"] == "Διαγραφή")
    }
}

import Foundation
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// The agent inbox as an agent uses it, in a real headless Chromium (selenium) against `parley serve`
/// with its SMTP listener and a real SMTP server (aiosmtpd) for what it sends, on each database.
@Suite("The agent inbox in a real browser", .serialized, .timeLimit(.minutes(8)))
struct InboxBrowserTests {
    struct Seen: Decodable {
        let rowsBefore: Int
        let appearedWithoutReload: Bool
        let title: String
        let conversationURL: String
        let customerName: String
        let draft: String
        let preview: String
        let replyInThread: String
        let profileHeading: String
        let polishHeading: String
        let polishViews: [String]
        let otherShopHeading: String
        let otherShopStatus: Int
        let violations: [String: [BrowserPagesTests.Violation]]
    }

    @Test(
        "mail appears live, a canned answer reaches the customer threaded, Polish on request, another shop gets 404",
        arguments: TestDatabase.available)
    func agentDay(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-inbox-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-inbox-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            for (slug, address) in [("kubki", "sklep@kubki.example"), ("other", "help@other.example")] {
                #expect(
                    try await CommandLineTests.parley(["shop", "create", slug, "--name", slug.capitalized, "--locale", "pl"] + store).status
                        == 0)
                #expect(
                    try await CommandLineTests.parley(
                        ["shop", "set", slug, "support.email=\(address)", "email.from=\(slug.capitalized) <\(address)>"] + store
                    ).status == 0)
            }
            let password = "inbox browser password 42"
            for (slug, email) in [("kubki", "agent@kubki.example"), ("other", "agent@other.example")] {
                #expect(
                    try await CommandLineTests.addAgent(
                        ["--shop", slug, "--email", email, "--name", "Ola Agent"], password: password, store: store) == 0)
            }
            let key = try await CommandLineTests.apiKey(shop: "kubki", store: store)
            let (server, sink, smtpPort) = try await ParleyServer.startWithMail(store)
            defer { sink.stop() }
            defer { server.stop() }
            let canned = try await server.call(
                .POST, "/api/v1/canned-responses", headers: [("Authorization", "Bearer \(key)")],
                body:
                    #"{"shortcut":"zwrot","title":"Zwrot za stłuczony kubek","body":"Dzień dobry {{customer.first_name}}, przepraszamy! Nowy kubek wyślemy jutro."}"#
            )
            #expect(canned.status == .created)

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("inbox_browser.py").path, server.base,
                    "agent@kubki.example", password, "agent@other.example", password, String(smtpPort), shots.path,
                ], limit: .seconds(240))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.rowsBefore == 0)
            #expect(seen.appearedWithoutReload, "the new conversation reached the open inbox by the event stream")
            #expect(seen.title.hasPrefix("(1) "), "the unread count leads the title: \(seen.title)")
            #expect(seen.customerName == "Zofia Nowak")
            #expect(seen.draft == "Dzień dobry Zofia, przepraszamy! Nowy kubek wyślemy jutro.")
            #expect(seen.replyInThread == seen.draft)
            #expect(seen.preview.hasPrefix(seen.draft) && seen.preview.contains("napisał(a):\n> Dzień dobry, kubek"), "\(seen.preview)")
            #expect(seen.profileHeading == "Twój profil" && seen.polishHeading == "Wszystkie otwarte")
            #expect(seen.polishViews.starts(with: ["Moje", "Nieprzypisane", "Wszystkie otwarte"]), "\(seen.polishViews)")
            #expect(seen.otherShopStatus == 404 && seen.otherShopHeading == "Not found", "\(seen.otherShopHeading)")
            for (page, violations) in seen.violations {
                #expect(violations.isEmpty, "\(page): \(violations); screenshots in \(shots.path)")
            }

            // The customer's mail program gets the answer in the thread of her own message.
            #expect(
                try await eventually {
                    try await EmailToTicketsEndToEndTests.sent(sink).contains { $0["text"]?.contains("Nowy kubek wyślemy jutro") == true }
                })
            let answer = try #require(
                try await EmailToTicketsEndToEndTests.sent(sink).first { $0["text"]?.contains("Nowy kubek wyślemy jutro") == true })
            #expect(answer["rcpt_tos"] == "zofia.nowak@example.pl")
            #expect(answer["in_reply_to"] == "<kubek-1@mail.example.pl>")
            #expect(answer["subject"]?.contains("Kubek przyszedł stłuczony") == true)
            #expect(
                answer["text"]?.contains("> Dzień dobry, kubek z zamówienia przyszedł stłuczony. Co teraz?") == true, "her words quoted")
        }
    }
}

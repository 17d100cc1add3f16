import Foundation
import NIOHTTP1
import ParleyStore
import ParleyTestSupport
import Testing

/// The live chat as a shop owner sets it up and a visitor and an agent use it, each in a real
/// headless Chromium (selenium), against `parley serve` on each database.
@Suite("Live chat in real browsers", .serialized, .timeLimit(.minutes(8)))
struct ChatBrowserTests {
    struct Line: Decodable, Equatable {
        let author: String
        let text: String
        let pending: Bool
    }

    struct Seen: Decodable {
        let tag: String
        let launcher: String
        let focusInChat: String?
        let status: String
        let greeting: String?
        let assistantAnswer: String
        let assistantAsksProof: String
        let orderStatus: String
        let handedOver: String
        let agentChannel: String?
        let readMark: String
        let agentSawTyping: String
        let visitorSaw: [Line]
        let agentName: String
        let closedByEscape: Bool
        let focusAfterEscape: String?
        let afterReload: [String]
        let openAfterReload: Bool
        let violations: [String: [BrowserPagesTests.Violation]]
    }

    @Test(
        "the tag from Settings on a plain page of another origin: a Polish visitor gets the assistant's answer and their order's status, asks for a person, the agent answers live, a reload keeps it all",
        arguments: TestDatabase.available)
    func visitorMeetsAgent(kind: TestDatabase) async throws {
        try await kind.withFresh { _, location in
            let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("parley-chat-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: dataDir) }
            let shots = FileManager.default.temporaryDirectory.appendingPathComponent("parley-chat-shots-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let store = ["--data-dir", dataDir, "--database-url", location.url]
            #expect(
                try await CommandLineTests.parley(["shop", "create", "kubki", "--name", "Kubki", "--locale", "pl"] + store).status == 0)
            let password = "chat browser password 42"
            #expect(
                try await CommandLineTests.addAgent(
                    ["--shop", "kubki", "--email", "ola@kubki.example", "--name", "Ola", "--role", "owner"], password: password,
                    store: store) == 0)
            let key = try await CommandLineTests.apiKey(shop: "kubki", store: store)
            let server = try await ParleyServer.start(store)
            defer { server.stop() }
            let auth = [("Authorization", "Bearer \(key)")]
            let article = try await server.call(
                .POST, "/api/v1/articles", headers: auth,
                body:
                    #"{"title":"Zwroty","locale":"pl","status":"published","body":"Masz **30 dni** od dostawy na zwrot towaru bez podania przyczyny."}"#
            )
            #expect(article.status == .created)
            let order = try await server.call(
                .POST, "/api/v1/orders", headers: auth,
                body: ##"{"external_id":"1042","number":"#1042","currency":"PLN","total":"49.00","customer":{"email":"zofia@example.pl"}}"##
            )
            #expect(order.status == .created)

            let run = try await ChildProcess.output(
                URL(fileURLWithPath: "/usr/bin/env"),
                [
                    "python3", EmailInboundPaths.fixtures.appendingPathComponent("chat_browser.py").path, server.base, "ola@kubki.example",
                    password, shots.path,
                ], limit: .seconds(240))
            let seen = try JSONDecoder().decode(Seen.self, from: run.output)
            #expect(seen.tag == #"<script src="\#(server.base)/widget.js" data-shop="kubki" async></script>"#)
            #expect(seen.launcher == "Napisz do nas", "the widget speaks the page's language")
            #expect(seen.focusInChat == "parley-text")
            #expect(seen.status == "Jesteśmy dostępni", "an agent has the inbox open")
            #expect(seen.greeting?.hasPrefix("Dzień dobry!") == true)
            #expect(seen.assistantAnswer.contains("30 dni") && seen.assistantAnswer.contains("/help/kubki/art_"), "\(seen.assistantAnswer)")
            #expect(seen.assistantAsksProof.contains("1042") && seen.assistantAsksProof.contains("e-mail"), "\(seen.assistantAsksProof)")
            #expect(seen.orderStatus.contains("#1042") && seen.orderStatus.contains("/t/kubki/"), "\(seen.orderStatus)")
            #expect(seen.handedOver == "Odpowie tu osoba ze sklepu.")
            #expect(seen.agentChannel == "chat", "the answer goes back into the chat by default")
            #expect(seen.readMark == "Przeczytane")
            #expect(seen.agentSawTyping.hasSuffix("is typing…"))
            #expect(
                seen.visitorSaw.filter { $0.author != "assistant" }.suffix(2)
                    == [
                        Line(author: "visitor", text: "Dzień dobry, czy macie kubek 500 ml w kolorze zielonym?", pending: false),
                        Line(author: "agent", text: "Dzień dobry! Tak, zielony kubek 500 ml jest dostępny.", pending: false),
                    ])
            #expect(seen.agentName == "Ola")
            #expect(seen.closedByEscape && seen.focusAfterEscape == "launch")
            #expect(seen.afterReload == seen.visitorSaw.dropFirst().map(\.text), "a reload shows the whole conversation, in order")
            #expect(seen.openAfterReload, "the chat stays open across page loads")
            for (page, violations) in seen.violations {
                #expect(violations.isEmpty, "\(page): \(violations); screenshots in \(shots.path)")
            }
        }
    }
}

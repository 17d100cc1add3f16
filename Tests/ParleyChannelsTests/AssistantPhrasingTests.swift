import Foundation
import ParleyChannels
import ParleyCore
import ParleyServices
import ParleyStore
import ParleyTestSupport
import Testing

/// A shop's own language model phrases the assistant's answers over the OpenAI wire format, tested
/// against a local server that speaks it; the model's words are used only when they keep to the facts.
@Suite("The assistant's answers in a language model's words")
struct AssistantPhrasingTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/chat_completions_fake.py"
    )
    .path

    @Test(
        "off by default; a model's faithful words are used; invented numbers and a failing or unreachable model keep Parley's own",
        arguments: TestDatabase.available)
    func phrasing(kind: TestDatabase) async throws {
        let fake = try await PythonFixture(script: Self.script)
        defer { fake.stop() }
        try await kind.withFresh { database, _ in
            let world = try await World.given(database, shop: "kubki")
            _ = try await KnowledgeBase(database: database, clock: world.clock).create(
                shop: world.shop.id,
                ArticleInput(
                    locale: "pl", title: "Zwroty", body: "Masz **30 dni** od dostawy na zwrot towaru bez podania przyczyny.",
                    status: .published),
                by: .system)
            let assistant = Assistant(
                database: database, links: TrackingLinks(database: database, clock: world.clock, publicURL: "https://kubki.example"),
                catalogs: try MessageCatalogs(), model: OpenAICompatibleModel(timeout: .seconds(5)))
            let settings = ShopSettings(database: database, clock: world.clock)
            func ask() async throws -> String {
                try await assistant.answer(shop: world.shop.id, question: "Ile mam dni na zwrot?", locale: "pl").text
            }
            let plain = try await ask()
            #expect(plain.hasPrefix("Oto co mówi nasz artykuł pomocy"))
            #expect(try Self.requests(fake).isEmpty, "no model is asked unless the shop sets one")

            _ = try await settings.update(
                shop: world.shop.id,
                [
                    "assistant.model_url": "http://127.0.0.1:\(fake.port)/v1", "assistant.model": "honest",
                    "assistant.model_key": "sk-test-1",
                ])
            #expect(try await ask() == "Krótko mówiąc: Masz 30 dni od dostawy na zwrot towaru bez podania przyczyny.")
            let request = try #require(try Self.requests(fake).last)
            #expect(request.headers["Authorization"] == "Bearer sk-test-1")
            #expect(request.model == "honest" && request.system.contains("Polish") && request.user.contains("Ile mam dni na zwrot?"))

            _ = try await settings.update(shop: world.shop.id, ["assistant.model": "liar"])
            #expect(try await ask() == plain, "a reply with a number the facts do not hold is not used")
            _ = try await settings.update(shop: world.shop.id, ["assistant.model": "down"])
            #expect(try await ask() == plain, "a failing model leaves the assistant's own answer")
            _ = try await settings.update(
                shop: world.shop.id, ["assistant.model_url": "http://127.0.0.1:1/v1", "assistant.model": "honest"])
            #expect(try await ask() == plain, "an unreachable model too")
        }
    }

    struct Recorded {
        let headers: [String: String]
        let model: String
        let system: String
        let user: String
    }

    static func requests(_ fake: PythonFixture) throws -> [Recorded] {
        let log = fake.directory.appendingPathComponent("requests.jsonl")
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { line in
            let json = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let body = json["body"] as? [String: Any] ?? [:]
            let messages = body["messages"] as? [[String: Any]] ?? []
            return Recorded(
                headers: json["headers"] as? [String: String] ?? [:], model: body["model"] as? String ?? "",
                system: messages.first?["content"] as? String ?? "", user: messages.last?["content"] as? String ?? "")
        }
    }
}

import Foundation
import ParleyCore

/// Lets a shop's own language model put the assistant's answer into friendlier words, from the
/// retrieved passage or the verified order facts only.
///
/// The model never decides a fact: its reply is used only when every number and link in it is one
/// the facts hold (and, for an order, when it keeps the tracking link); otherwise, or when the
/// model is slow or down, the assistant's own words go out.
public struct AssistantPhrasing: Sendable {
    private let model: any LanguageModel

    public init(model: any LanguageModel) { self.model = model }

    /// The model's settings of a shop, nil when it uses none (the default).
    static func request(settings: [String: String]) -> CompletionRequest? {
        guard let endpoint = settings[.assistantModelURL], !endpoint.isEmpty, let name = settings[.assistantModel], !name.isEmpty
        else { return nil }
        return CompletionRequest(endpoint: endpoint, key: settings[.assistantModelKey], model: name, messages: [])
    }

    /// `answer` in the model's words when they keep to the facts, else `answer` as it is.
    func phrase(_ answer: AssistantAnswer, question: String, shop: String, settings: [String: String]) async -> AssistantAnswer {
        guard var request = Self.request(settings: settings) else { return answer }
        let facts: String
        switch answer.kind {
        case .article(let article): facts = "\(article.title)\n\(article.passage)"
        case .orderStatus: facts = answer.text
        case .needsOrderVerification, .unknown: return answer
        }
        let language = Locale(identifier: "en").localizedString(forLanguageCode: answer.language) ?? answer.language
        request.messages = [
            .init(
                role: "system",
                content: """
                    You answer customers of the shop "\(shop)" in \(language). Use only the facts below; if they do not answer the \
                    question, say you are not sure and that a person from the shop will help. Never add numbers, dates, prices, \
                    links or order details that the facts do not hold. Keep every link exactly as given. At most four sentences.
                    """),
            .init(role: "user", content: "Question: \(question)\n\nFacts:\n\(facts)"),
        ]
        guard let reply = try? await model.complete(request), Self.keepsToFacts(reply, facts: facts + "\n" + question),
            !Self.isOrder(answer) || Self.links(in: facts).allSatisfy(reply.contains)
        else { return answer }
        return AssistantAnswer(kind: answer.kind, text: reply, confidence: answer.confidence, language: answer.language)
    }

    /// Whether every run of digits and every link in `reply` appears in `facts`.
    static func keepsToFacts(_ reply: String, facts: String) -> Bool {
        let known = Set(digitRuns(facts))
        return digitRuns(reply).allSatisfy(known.contains) && links(in: reply).allSatisfy(facts.contains)
    }

    static func digitRuns(_ text: String) -> [String] {
        text.split { !$0.isNumber }.map { String($0.compactMap(\.wholeNumberValue).map(String.init).joined()) }
    }

    static func links(in text: String) -> [String] {
        text.split { $0.isWhitespace }.map(String.init).filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?)»”\"'")) }
    }

    private static func isOrder(_ answer: AssistantAnswer) -> Bool {
        if case .orderStatus = answer.kind { return true }
        return false
    }
}

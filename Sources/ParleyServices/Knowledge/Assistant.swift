import Foundation
import ParleyCore
import ParleyStore

/// Answers a customer's question from the shop's published help articles, or from their order once
/// they prove it is theirs (docs/knowledge-base.md).
///
/// Order questions never reach the articles: "where is my order?" is answered from the order, and
/// only after the customer gives its email address or postcode. Everything else is looked up in
/// the articles in the customer's language first, then along the shop's fallback languages; below
/// ``PassageIndex/minimumConfidence`` the assistant says it does not know.
public struct Assistant: Sendable {
    /// A question longer than this is a letter for a person, not one for the assistant.
    public static let longestQuestion = 1_000
    private let database: ParleyDatabase
    private let catalogs: MessageCatalogs
    private let indexes: AssistantIndexes
    private let orders: OrderAnswer
    private let phrasing: AssistantPhrasing?

    /// With `model`, shops that set `assistant.model_url` and `assistant.model` have their answers
    /// phrased by that model (``AssistantPhrasing``).
    public init(
        database: ParleyDatabase, links: TrackingLinks, catalogs: MessageCatalogs, indexes: AssistantIndexes = AssistantIndexes(),
        model: (any LanguageModel)? = nil
    ) {
        self.database = database
        self.catalogs = catalogs
        self.indexes = indexes
        self.orders = OrderAnswer(links: links)
        self.phrasing = model.map(AssistantPhrasing.init(model:))
    }

    /// The answer to `question` as ``facts(shop:question:locale:order:)`` finds it, in the shop's
    /// language model's words when it has one and they keep to the facts.
    public func answer(shop shopID: ShopID, question: String, locale: String?, order: OrderProof? = nil) async throws -> AssistantAnswer {
        let answer = try await facts(shop: shopID, question: question, locale: locale, order: order)
        guard let phrasing else { return answer }
        let (shop, settings) = try await database.withConnection { sql in
            (try await ShopRepository(sql).find(id: shopID), try await ShopSettingsRepository(sql).all(shop: shopID))
        }
        return await phrasing.phrase(answer, question: question, shop: shop?.name ?? "", settings: settings)
    }

    /// The answer to `question`, asked in `locale` (guessed from the question when nil); with
    /// `order`, the status of that order if the proof holds.
    public func facts(shop shopID: ShopID, question: String, locale: String?, order: OrderProof? = nil) async throws -> AssistantAnswer {
        let question = question.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !question.isEmpty || order != nil else { throw InvalidInput(field: "question", reason: "is required") }
        try Validation.text(question, field: "question", limit: Self.longestQuestion, multiline: true)
        if let locale { try Validation.locale(locale, field: "locale") }
        guard let shop = try await database.withConnection({ sql in try await ShopRepository(sql).find(id: shopID) }) else {
            throw ShopError.shopNotFound(String(shopID.rawValue))
        }
        let guessed = TextLanguage.guess(question)
        let asked = locale ?? (guessed == .other ? nil : guessed.rawValue)
        let (language, entries) = try catalogs.catalog(for: asked, shopDefault: shop.defaultLocale)
        let detected = OrderQuestion.detect(question)
        if var order {
            order.number = order.number ?? detected?.number
            let proof = order
            return try await database.transaction { sql in
                try await orders.answer(shop: shop, proof: proof, language: language, entries: entries, on: sql)
            }
        }
        if let detected {
            let text = try MessageCatalogs.words(
                "assistant.verify", in: entries, values: MessageCatalogs.present(["number": detected.number]))
            return AssistantAnswer(
                kind: .needsOrderVerification(orderNumber: detected.number), text: text, confidence: 1, language: language)
        }
        let indexes = try await indexes.indexes(shop: shop.id, database: database)
        var languages: [String] = []
        for tag in LocaleFallback.chain(for: asked, shopDefault: shop.defaultLocale) {
            let candidate = AssistantIndexes.language(of: tag)
            if !languages.contains(candidate) { languages.append(candidate) }
        }
        var best: PassageMatch?
        for candidate in languages {
            guard let match = indexes[candidate]?.search(question, limit: 1).first else { continue }
            if match.confidence > best?.confidence ?? -1 { best = match }
            if match.confidence >= PassageIndex.minimumConfidence { break }
        }
        guard let best, best.confidence >= PassageIndex.minimumConfidence else {
            let text = try MessageCatalogs.words("assistant.unknown", in: entries, values: ["shop": shop.name])
            return AssistantAnswer(kind: .unknown, text: text, confidence: best?.confidence ?? 0, language: language)
        }
        let article = AssistantArticle(
            id: best.articleID, title: best.title, path: "/help/\(shop.slug)/\(best.articleID)", passage: best.passage)
        let text = try MessageCatalogs.words("assistant.article", in: entries, values: ["title": best.title, "passage": best.passage])
        return AssistantAnswer(kind: .article(article), text: text, confidence: best.confidence, language: language)
    }
}

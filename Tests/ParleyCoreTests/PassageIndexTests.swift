import ParleyCore
import Testing

/// A customer asks in their own words and inflections; the passage that answers wins, and a question
/// the articles do not cover gets a confidence low enough for the assistant to say it does not know.
@Suite("Passage retrieval")
struct PassageIndexTests {
    static let answered: [(articles: [RetrievalArticle], language: TextLanguage, question: String, article: String, passage: String)] = [
        (HelpArticles.polish, .polish, "Ile mam czasu na zwrot?", "art_pl_returns", "30 dni"),
        (HelpArticles.polish, .polish, "Kiedy oddacie pieniądze za zwrot?", "art_pl_returns", "14 dni"),
        (HelpArticles.polish, .polish, "Jak zwrócić towar?", "art_pl_returns", "zwrot towaru"),
        (HelpArticles.polish, .polish, "zwrotu", "art_pl_returns", "zwrot"),
        (HelpArticles.polish, .polish, "Ile kosztuje dostawa?", "art_pl_delivery", "DPD kosztuje"),
        (HelpArticles.polish, .polish, "Czy mogę zmienić zamówieniu?", "art_pl_change", "zmienić lub anulować"),
        (HelpArticles.polish, .polish, "Jak odesłać paczkę?", "art_pl_returns", "Wydrukuj etykietę"),
        (HelpArticles.russian, .russian, "Как вернуть товар?", "art_ru_returns", "вернуть товар"),
        (HelpArticles.russian, .russian, "Сколько стоит доставка?", "art_ru_delivery", "300 рублей"),
        (HelpArticles.russian, .russian, "Можно изменить заказом?", "art_ru_change", "изменить или отменить"),
        (HelpArticles.greek, .greek, "Πληρωμή με PayPal;", "art_el_payment", "PayPal"),
        (HelpArticles.greek, .greek, "ΕΠΙΣΤΡΟΦΗ", "art_el_returns", "30 ημέρες"),
        (HelpArticles.greek, .greek, "αποστολή παραγγελίας", "art_el_delivery", "ACS"),
        (HelpArticles.hindi, .hindi, "वापसी कैसे करें?", "art_hi_returns", "30 दिनों"),
        (HelpArticles.hindi, .hindi, "ऑर्डर डिलीवरी", "art_hi_delivery", "मुफ़्त"),
        (HelpArticles.hindi, .hindi, "क्या मैं UPI से भुगतान कर सकता हूँ?", "art_hi_payment", "UPI"),
        (HelpArticles.english, .english, "How do I return an item?", "art_en_returns", "refund returned items"),
        (HelpArticles.english, .english, "returning", "art_en_returns", "30 days"),
        (HelpArticles.english, .english, "How much is shipping?", "art_en_delivery", "UPS"),
        (HelpArticles.english, .english, "When do I get my refund?", "art_en_returns", "14 days"),
    ]

    @Test("the passage that answers wins, whatever the inflection", arguments: answered)
    func answers(articles: [RetrievalArticle], language: TextLanguage, question: String, article: String, passage: String) throws {
        let best = try #require(PassageIndex(articles: articles, language: language).search(question).first)
        #expect(best.articleID == article)
        #expect(best.passage.contains(passage))
        #expect(best.confidence >= PassageIndex.minimumConfidence, "confidence \(best.confidence)")
    }

    static let unrelated: [(articles: [RetrievalArticle], language: TextLanguage, question: String)] = [
        (HelpArticles.polish, .polish, "Czy sprzedajecie rowery?"),
        (HelpArticles.polish, .polish, "Jaka jest pogoda w Krakowie?"),
        (HelpArticles.russian, .russian, "Какая погода в Москве?"),
        (HelpArticles.greek, .greek, "Πουλάτε ποδήλατα;"),
        (HelpArticles.hindi, .hindi, "क्या आप साइकिल बेचते हैं?"),
        (HelpArticles.english, .english, "What is the capital of France?"),
        (HelpArticles.english, .english, "Do you sell bicycles?"),
    ]

    @Test("a question the articles do not cover stays below the threshold", arguments: unrelated)
    func unknown(articles: [RetrievalArticle], language: TextLanguage, question: String) {
        let best = PassageIndex(articles: articles, language: language).search(question).first
        #expect((best?.confidence ?? 0) < PassageIndex.minimumConfidence, "answered with \(String(describing: best))")
    }

    @Test("the title counts more than a passing mention")
    func title() throws {
        let articles = [
            RetrievalArticle(id: "gift", title: "Gift cards", body: "Gift cards never expire. You can use them with any payment method."),
            RetrievalArticle(id: "payment", title: "Payment methods", body: "We accept cards and PayPal."),
        ]
        let best = try #require(PassageIndex(articles: articles, language: .english).search("payment methods").first)
        #expect(best.articleID == "payment")
    }

    @Test("only stopwords, or no articles, find nothing")
    func nothing() {
        #expect(PassageIndex(articles: HelpArticles.english, language: .english).search("how can I do it?").isEmpty)
        #expect(PassageIndex(articles: [], language: .polish).search("zwrot").isEmpty)
    }
}

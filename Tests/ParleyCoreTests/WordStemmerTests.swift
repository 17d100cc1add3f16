import ParleyCore
import Testing

/// The forms a customer writes and the forms an article uses meet in one stem.
@Suite("Word stemming")
struct WordStemmerTests {
    static let families: [(TextLanguage, [String])] = [
        (.russian, ["заказ", "заказа", "заказом", "заказы", "заказов", "ЗАКАЗЕ"]),
        (.russian, ["доставка", "доставки", "доставку", "доставкой"]),
        (.polish, ["zamówienie", "zamówienia", "zamówieniu", "zamówieniem", "zamowienie"]),
        (.polish, ["zwrot", "zwrotu", "zwroty", "zwrotów", "zwrotem"]),
        (.polish, ["dostawa", "dostawy", "dostawie", "dostawę"]),
        (.greek, ["παραγγελία", "παραγγελίας", "παραγγελίες", "παραγγελιών", "ΠΑΡΑΓΓΕΛΙΑ"]),
        (.greek, ["επιστροφή", "επιστροφής", "επιστροφές"]),
        (.hindi, ["ऑर्डर", "ऑर्डरों"]),
        (.english, ["return", "returns", "returning", "returned"]),
        (.english, ["delivery", "deliveries", "delivered", "deliver"]),
        (.english, ["ship", "ships", "shipped", "shipping"]),
    ]

    @Test("inflected forms share a stem", arguments: families)
    func family(language: TextLanguage, forms: [String]) {
        let stems = Set(forms.map { form in PassageIndex.terms(form, language: language) })
        #expect(stems.count == 1, "\(forms) gave \(stems)")
    }

    @Test("words that differ stay apart")
    func apart() {
        #expect(PassageIndex.terms("zwrot", language: .polish) != PassageIndex.terms("zwierzę", language: .polish))
        #expect(PassageIndex.terms("status", language: .english) == ["status"], "no plural s to strip")
        #expect(PassageIndex.terms("address", language: .english) == ["address"])
    }

    @Test("folding: compatibility forms, case, safe accents; Devanagari keeps its vowel signs")
    func folding() {
        #expect(RetrievalWords.words("ＺＡＭÓWIENIE Łódź") == ["zamowienie", "lodz"])
        #expect(RetrievalWords.words("Ёлка ΠΑΡΑΓΓΕΛΊΑΣ") == ["елка", "παραγγελιασ"])
        #expect(RetrievalWords.words("मेरा ऑर्डर कहाँ है?") == ["मेरा", "ऑर्डर", "कहाँ", "है"])
        #expect(RetrievalWords.words("#१२३४, order-1001") == ["1234", "order", "1001"])
    }

    @Test("stopwords of every language are left out, whatever the locale says")
    func stopwords() {
        for question in ["how is my", "jak jest moje", "как мой", "πώς είναι η", "का है मेरा"] {
            #expect(PassageIndex.terms(question, language: .english).isEmpty, "\(question)")
        }
    }

    @Test("a locale picks the rules; a language without rules keeps Latin words whole")
    func languages() {
        #expect(TextLanguage(locale: "pl-PL") == .polish && TextLanguage(locale: "el") == .greek && TextLanguage(locale: "de") == .other)
        #expect(TextLanguage.guess("Gdzie jest moja paczka? Zamówiłem ją wczoraj") == .polish)
        #expect(TextLanguage.guess("Где мой заказ?") == .russian && TextLanguage.guess("मेरा ऑर्डर") == .hindi)
        #expect(TextLanguage.guess("Where is it?") == .english && TextLanguage.guess("123") == .other)
        #expect(WordStemmer.stem("bestellungen", language: .other) == "bestellungen")
        #expect(WordStemmer.stem("заказом", language: .other) == "заказ", "Cyrillic follows its script")
    }
}

import Foundation
import ParleyCore
import Testing

/// The words the inbox search indexes: the same for a letter however it is written.
@Suite("Search text")
struct SearchTextTests {
    static func foundationFold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    @Test("every ASCII character folds as Foundation folds it, line breaks included")
    func ascii() {
        let all = String(String.UnicodeScalarView((0...127).compactMap(Unicode.Scalar.init)))
        #expect(SearchText.fold(all) == Self.foundationFold(all))
        #expect(SearchText.fold("Line one\r\nLINE two") == "line one\r\nline two")
    }

    @Test("accents of Latin, Greek and Cyrillic letters go, Polish ł too, Devanagari keeps its vowel signs")
    func accents() {
        #expect(SearchText.fold("Zamówienie ŁÓDŹ") == "zamowienie lodz")
        #expect(SearchText.fold("ΠΑΡΑΓΓΕΛΊΑ") == SearchText.fold("παραγγελία"))
        #expect(SearchText.fold("Заказ Ёлка") == "заказ елка")
        #expect(SearchText.fold("ऑर्डर कहाँ है") == "ऑर्डर कहाँ है")
        #expect(SearchText.fold("Ｆｕｌｌ") == "full")
    }
}

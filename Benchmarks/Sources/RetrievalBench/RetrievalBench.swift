import Foundation
import ParleyRetrieval

/// Indexes a shop of `count` help articles (default 500, a fifth in each of en, pl, el, ru, hi, about
/// 1,200 characters each, in Markdown), the way the assistant does when a shop's articles change,
/// then asks questions against the warm indexes. Prints JSON:
/// `{"articles": …, "characters": …, "build_ms": …, "question_ms": …}`.
@main
enum RetrievalBench {
    static let sentences: [TextLanguage: [String]] = [
        .english: [
            "You can return anything within **30 days** of delivery.", "We refund returned items within 14 days.",
            "We ship every order within 24 hours.", "Delivery with UPS costs $5 and is free over $50.",
            "We accept cards, PayPal and Apple Pay.", "Gift cards never expire and work with any payment method.",
            "Write to us with your order number and we answer within a day.", "Exchanges are free for a different size.",
        ],
        .polish: [
            "Masz **30 dni** od otrzymania paczki na zwrot towaru.", "Pieniądze za zwrot oddajemy w ciągu 14 dni.",
            "Wysyłamy zamówienia w ciągu 24 godzin w dni robocze.", "Dostawa kurierem DPD kosztuje 15 zł, od 200 zł jest darmowa.",
            "Płacisz kartą, BLIKiem albo przelewem.", "Zamówienie możesz zmienić, dopóki nie zostało wysłane.",
            "Wymiana rozmiaru jest bezpłatna.", "Karty podarunkowe są ważne bezterminowo.",
        ],
        .greek: [
            "Μπορείτε να επιστρέψετε ένα προϊόν μέσα σε 30 ημέρες.", "Η επιστροφή χρημάτων γίνεται σε 14 ημέρες.",
            "Στέλνουμε τις παραγγελίες με ACS.", "Η παράδοση διαρκεί 2-3 εργάσιμες ημέρες.",
            "Δεχόμαστε κάρτες, PayPal και αντικαταβολή.", "Δωρεάν αποστολή για παραγγελίες άνω των 50 ευρώ.",
        ],
        .russian: [
            "Вы можете вернуть товар в течение 30 дней.", "Деньги за возврат мы перечислим в течение 14 дней.",
            "Мы отправляем заказы курьером СДЭК.", "Доставка по Москве стоит 300 рублей.",
            "Заказ можно изменить или отменить, пока он не отправлен.", "Подарочные карты действуют без срока.",
        ],
        .hindi: [
            "आप 30 दिनों के अंदर सामान वापस कर सकते हैं।", "रिफ़ंड 14 दिनों में मिल जाता है।",
            "हम सभी ऑर्डरों को 2 दिनों में भेजते हैं।", "500 रुपये से ऊपर के ऑर्डर पर डिलीवरी मुफ़्त है।",
            "आप कार्ड, UPI या कैश ऑन डिलीवरी से भुगतान कर सकते हैं।",
        ],
    ]
    static let questions: [(TextLanguage, String)] = [
        (.english, "How do I return an item?"), (.polish, "Ile kosztuje dostawa?"), (.greek, "Πληρωμή με PayPal;"),
        (.russian, "Как вернуть товар?"), (.hindi, "वापसी कैसे करें?"), (.english, "Do you sell bicycles?"),
    ]

    static func main() {
        let count = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 500
        let languages: [TextLanguage] = [.english, .polish, .greek, .russian, .hindi]
        var articles: [TextLanguage: [RetrievalArticle]] = [:]
        var characters = 0
        for number in 0..<count {
            let language = languages[number % languages.count]
            let pool = sentences[language] ?? []
            var body = "## \(pool[number % pool.count].prefix(30))\n"
            for paragraph in 0..<4 {
                body += (0..<3).map { pool[(number * 7 + paragraph * 3 + $0) % pool.count] }.joined(separator: " ") + " \(number)\n\n"
            }
            body += (0..<3).map { "- " + pool[(number + $0) % pool.count] }.joined(separator: "\n")
            characters += body.count
            articles[language, default: []].append(
                RetrievalArticle(id: "art_\(number)", title: "\(pool[number % pool.count].prefix(24)) \(number)", body: body))
        }
        let clock = ContinuousClock()
        var indexes: [TextLanguage: PassageIndex] = [:]
        let build = clock.measure {
            for (language, list) in articles { indexes[language] = PassageIndex(articles: list, language: language) }
        }
        let rounds = 100
        var found = 0
        let asking = clock.measure {
            for _ in 0..<rounds {
                for (language, question) in questions where indexes[language]?.search(question, limit: 1).first != nil { found += 1 }
            }
        }
        func milliseconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        }
        print(
            #"{"articles": \#(count), "characters": \#(characters), "passages": \#(indexes.values.map(\.passageCount).reduce(0, +)), "build_ms": \#(milliseconds(build)), "question_ms": \#(milliseconds(asking) / Double(rounds * questions.count)), "found": \#(found)}"#
        )
    }
}

import ParleyCore
import Testing

/// "Where is my order?" in every language Parley ships goes to the order, never to an article.
@Suite("Order questions")
struct OrderQuestionTests {
    static let orderQuestions: [(String, String?)] = [
        ("Where is my order?", nil),
        ("where is my parcel #1234", "1234"),
        ("Order 1001 status", "1001"),
        ("I have not received my order yet", nil),
        ("Gdzie jest moje zamówienie?", nil),
        ("gdzie jest moja paczka, zamówienie nr 1234", "1234"),
        ("Kiedy dotrze zamówienie nr. 55-A1?", "55-A1"),
        ("Где мой заказ?", nil),
        ("где заказ №1234", "1234"),
        ("Заказ № 1234 ещё не пришел", "1234"),
        ("Πού είναι η παραγγελία μου;", nil),
        ("που ειναι η παραγγελια μου", nil),
        ("Κατάσταση παραγγελίας #7781", "7781"),
        ("मेरा ऑर्डर कहाँ है?", nil),
        ("मेरा ऑर्डर १२३४ कहां है", "1234"),
    ]

    @Test("recognised, with the order number when given", arguments: orderQuestions)
    func recognised(question: String, number: String?) throws {
        let detected = try #require(OrderQuestion.detect(question))
        #expect(detected.number == number)
    }

    static let otherQuestions = [
        "How do I return my order?", "How long does delivery take?", "Jak zwrócić zamówienie?", "Ile kosztuje dostawa?",
        "Как изменить заказ?", "η παραγγελία που έκανα χθες έχει λάθος χρώμα", "वापसी कैसे करें?", "Where are you located?",
        "I ordered on 12.05.2024 and want to return it",
    ]

    @Test("other questions about orders are for the articles", arguments: otherQuestions)
    func other(question: String) {
        #expect(OrderQuestion.detect(question) == nil)
    }

    @Test("an email's subject and text read together give what the joined text gives, and the text alone what it gives alone")
    func subjectAndText() {
        let subjects = ["", "Zamówienie nr 1234", "Re: where is it?", "Заказ", "Πού είναι;", "Order #77 and 88", "Pytanie"]
        let texts =
            Self.orderQuestions.map(\.0) + Self.otherQuestions
            + ["", "1234", "status?", "nr\n4321 gdzie?", "είναι η παραγγελία 9090", "# 5555 where", "Hello,\n\nthanks. Anna"]
        for subject in subjects {
            for text in texts {
                let both = OrderQuestion.detect(subject: subject, text: text)
                #expect(both.asNew == OrderQuestion.detect(subject + "\n" + text), "\(subject) / \(text)")
                #expect(both.asReply == OrderQuestion.detect(text), "\(subject) / \(text)")
            }
        }
    }
}

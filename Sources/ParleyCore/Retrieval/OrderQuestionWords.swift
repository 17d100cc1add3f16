/// The words ``OrderQuestion`` recognises, per language, as stems of folded words.
enum OrderQuestionWords {
    /// Words for the order or its parcel. "Delivery" is not among them: "how long is delivery?"
    /// asks about the shop, not about an order.
    static let orders = stems(
        """
        order orders ordered package parcel shipment \
        zamówienie zamówienia zamówieniu zamówieniem zamówień paczka paczki paczkę przesyłka przesyłki przesyłkę \
        заказ заказа заказу заказом заказе заказы посылка посылки посылку \
        παραγγελία παραγγελίας παραγγελίες δέμα δέματος \
        ऑर्डर आर्डर ऑर्डरों पार्सल पैकेज
        """)

    /// Words that ask where an order is or what became of it.
    static let state = stems(
        """
        where status track tracking arrive arrived arriving come received shipped dispatched delivered \
        gdzie status śledzić śledzenie dotrze dojdzie przyjdzie doszło doszła doszedł dostałem dostałam otrzymałem \
        otrzymałam wysłane wysłana wysłany wysłaliście nadana \
        где статус отследить отслеживание придет дойдет пришел пришла доставлен доставлена отправлен отправлена \
        получил получила \
        κατάσταση παρακολούθηση εντοπισμός φτάσει έρθει ήρθε στάλθηκε απεστάλη παρέλαβα έλαβα \
        कहाँ कहां स्थिति ट्रैक पहुंचेगा पहुँचेगा पहुंचा पहुँचा आएगा भेजा मिला
        """)

    /// Words after which a number is the order's.
    static let numberMarkers = stems("nr no number numer номер αριθμός αριθμό नंबर संख्या").union(orders)

    private static func stems(_ words: String) -> Set<String> {
        Set(RetrievalWords.words(words).flatMap(OrderQuestion.stems))
    }
}

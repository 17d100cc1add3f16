import ParleyCore

/// Help articles of a shop in each language Parley ships, as a shop writes them.
enum HelpArticles {
    static let polish = [
        RetrievalArticle(
            id: "art_pl_returns", title: "Zwroty",
            body: """
                ## Ile mam czasu?
                Masz **30 dni** od otrzymania paczki na zwrot towaru bez podania przyczyny.

                ## Jak odesłać
                1. Zapakuj produkt.
                2. Wydrukuj etykietę zwrotną.
                3. Nadaj paczkę w punkcie InPost.

                Pieniądze za zwrot oddajemy w ciągu 14 dni.
                """),
        RetrievalArticle(
            id: "art_pl_delivery", title: "Dostawa i koszty wysyłki",
            body:
                "Wysyłamy zamówienia w ciągu 24 godzin w dni robocze. Dostawa kurierem DPD kosztuje 15 zł, a od 200 zł jest darmowa.\n\nPaczkomaty InPost: 12 zł."
        ),
        RetrievalArticle(
            id: "art_pl_payment", title: "Płatności", body: "Płacisz kartą, BLIKiem albo przelewem. Za pobraniem doliczamy 5 zł."),
        RetrievalArticle(
            id: "art_pl_change", title: "Zmiana zamówienia",
            body: "Zamówienie możesz zmienić lub anulować, dopóki nie zostało wysłane. Napisz do nas z numerem zamówienia."),
    ]
    static let russian = [
        RetrievalArticle(
            id: "art_ru_returns", title: "Возврат товара",
            body: "Вы можете вернуть товар в течение 30 дней. Деньги за возврат мы перечислим в течение 14 дней."),
        RetrievalArticle(
            id: "art_ru_delivery", title: "Доставка",
            body: "Мы отправляем заказы курьером СДЭК. Доставка по Москве стоит 300 рублей, бесплатно от 5000 рублей."),
        RetrievalArticle(
            id: "art_ru_change", title: "Изменение заказа",
            body: "Заказ можно изменить или отменить, пока он не отправлен. Напишите нам с номером заказа."),
    ]
    static let greek = [
        RetrievalArticle(
            id: "art_el_returns", title: "Επιστροφές",
            body: "Μπορείτε να επιστρέψετε ένα προϊόν μέσα σε 30 ημέρες. Η επιστροφή χρημάτων γίνεται σε 14 ημέρες."),
        RetrievalArticle(
            id: "art_el_delivery", title: "Αποστολή και χρόνοι παράδοσης",
            body:
                "Στέλνουμε τις παραγγελίες με ACS. Η παράδοση διαρκεί 2-3 εργάσιμες ημέρες. Δωρεάν αποστολή για παραγγελίες άνω των 50 ευρώ."
        ),
        RetrievalArticle(id: "art_el_payment", title: "Τρόποι πληρωμής", body: "Δεχόμαστε κάρτες, PayPal και αντικαταβολή."),
    ]
    static let hindi = [
        RetrievalArticle(
            id: "art_hi_returns", title: "वापसी नीति", body: "आप 30 दिनों के अंदर सामान वापस कर सकते हैं। रिफ़ंड 14 दिनों में मिल जाता है।"),
        RetrievalArticle(
            id: "art_hi_delivery", title: "डिलीवरी", body: "हम सभी ऑर्डरों को 2 दिनों में भेजते हैं। 500 रुपये से ऊपर के ऑर्डर पर डिलीवरी मुफ़्त है।"),
        RetrievalArticle(id: "art_hi_payment", title: "भुगतान", body: "आप कार्ड, UPI या कैश ऑन डिलीवरी से भुगतान कर सकते हैं।"),
    ]
    static let english = [
        RetrievalArticle(
            id: "art_en_returns", title: "Returns",
            body: "You can return anything within **30 days** of delivery.\n\n## Refunds\nWe refund returned items within 14 days."),
        RetrievalArticle(
            id: "art_en_delivery", title: "Shipping",
            body: "We ship every order within 24 hours. Delivery with UPS costs $5 and is free over $50."),
        RetrievalArticle(id: "art_en_payment", title: "Payment methods", body: "We accept cards, PayPal and Apple Pay."),
    ]
}

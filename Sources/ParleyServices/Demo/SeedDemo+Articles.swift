import Foundation
import ParleyCore

/// The demo shop's help articles, in English and Polish: what customers ask most, so the help page
/// and the assistant have something to show.
extension SeedDemo {
    static let articles: [ArticleInput] = [
        ArticleInput(
            locale: "en", category: "Returns", title: "How do I return an order?",
            body: """
                You have **30 days** from delivery to return anything you bought, for any reason.

                1. Write to us with your order number, or reply to the delivery email.
                2. Pack the items in their original packaging.
                3. Send the parcel with the free return label we email you.

                We refund the full price within **5 working days** of receiving the parcel, to the card or account you paid with.
                """),
        ArticleInput(
            locale: "en", category: "Delivery", title: "Delivery times",
            body: """
                | Where | How long | Cost |
                |---|---|---|
                | Poland | 1–2 working days | free over 200 zł |
                | European Union | 3–5 working days | €9 |
                | Rest of the world | 7–14 working days | from €19 |

                Orders placed before **1 pm** on a working day leave the warehouse the same day. Every message about a shipped
                order has a link to follow the parcel.
                """),
        ArticleInput(
            locale: "en", category: "Sizes", title: "Which size should I choose?",
            body: """
                Our sizes follow EU sizing. Measure a garment that fits you well and compare it with the size table on the
                product page.

                - Between two sizes? Choose the **larger** one for coats and jackets, the smaller one for knitwear.
                - Shoes run true to size.

                If it does not fit, exchanging it for another size is free.
                """),
        ArticleInput(
            locale: "pl", category: "Zwroty", title: "Jak zwrócić zamówienie?",
            body: """
                Masz **30 dni** od dostawy na zwrot każdego zakupu, bez podawania przyczyny.

                1. Napisz do nas z numerem zamówienia albo odpowiedz na e-mail o dostawie.
                2. Zapakuj produkty w oryginalne opakowanie.
                3. Nadaj paczkę z darmową etykietą zwrotną, którą wyślemy e-mailem.

                Zwrot pieniędzy zlecamy w ciągu **5 dni roboczych** od otrzymania paczki, na kartę lub konto, z którego zapłacono.
                """),
        ArticleInput(
            locale: "pl", category: "Dostawa", title: "Czas dostawy",
            body: """
                | Dokąd | Ile trwa | Koszt |
                |---|---|---|
                | Polska | 1–2 dni robocze | za darmo od 200 zł |
                | Unia Europejska | 3–5 dni roboczych | 40 zł |
                | Reszta świata | 7–14 dni roboczych | od 85 zł |

                Zamówienia złożone w dzień roboczy do **13:00** wysyłamy tego samego dnia. W każdej wiadomości o wysłanym
                zamówieniu jest link do śledzenia przesyłki.
                """),
        ArticleInput(
            locale: "pl", category: "Rozmiary", title: "Jaki rozmiar wybrać?",
            body: """
                Nasze rozmiary są zgodne z rozmiarówką europejską. Zmierz ubranie, które dobrze na Tobie leży, i porównaj wymiary
                z tabelą rozmiarów na stronie produktu.

                - Jesteś pomiędzy rozmiarami? Przy płaszczach i kurtkach wybierz **większy**, przy swetrach mniejszy.
                - Buty mają standardową rozmiarówkę.

                Jeśli rozmiar nie pasuje, wymiana na inny jest bezpłatna.
                """),
    ]

    func seedArticles(shop: ShopID) async throws {
        let knowledge = KnowledgeBase(database: database, clock: clock)
        for var article in Self.articles {
            article.status = .published
            _ = try await knowledge.create(shop: shop, article, by: .system)
        }
    }
}

import Foundation
import ParleyCore
import ParleyServices
import Testing

@Suite("Order message templates")
struct OrderMessageTemplatesTests {
    static func input(locale: String?, shopDefault: String = "en", stage: OrderStage = .shipped, name: String? = "Zofia Nowak")
        -> OrderMessageInput
    {
        OrderMessageInput(
            shop: Shop(
                id: ShopID(1), slug: "kubki", name: "Kubki & Co", defaultLocale: shopDefault, timeZone: "Europe/Warsaw", createdAt: Date()),
            settings: ["brand.color": "#0a7d55", "brand.signature": "Zespół Kubki", "support.email": "pomoc@kubki.example"],
            customerName: name, customerLocale: locale,
            order: Order(
                id: 1, shopID: ShopID(1), customerID: 1, publicID: "ord_1", externalID: "shopify:1", number: "#9999", stage: stage,
                currency: "PLN",
                totalMinor: 24_999, placedAt: Date(), updatedAt: Date(),
                shipment: Shipment(carrier: "InPost", trackingNumber: "6200001", trackingURL: "https://inpost.pl/sledzenie?number=6200001")),
            items: [OrderItem(sku: "KUB", name: "Kubek <zielony>", quantity: 2, unitPriceMinor: 12_499)], stage: stage,
            trackingPage: "https://parley.example/t/ord_1?s=abc")
    }

    @Test("a Polish customer gets Polish, with the parcel, the items in złoty and the brand")
    func polish() async throws {
        let message = try await OrderMessageTemplates().render(Self.input(locale: "pl-PL"))
        #expect(message.locale == "pl")
        #expect(message.subject == "Zamówienie #9999 jest w drodze")
        #expect(message.text.contains("Dzień dobry Zofia Nowak,"))
        #expect(message.text.contains("Przekazaliśmy zamówienie #9999 przewoźnikowi InPost."))
        #expect(message.text.contains("Numer przesyłki: 6200001 (https://inpost.pl/sledzenie?number=6200001)"))
        #expect(message.text.contains("249,98") && message.text.contains("zł"))
        #expect(message.text.contains("Kubek <zielony>"), "plain text is not HTML-escaped")
        #expect(message.html.contains("Kubek &lt;zielony&gt;") && !message.html.contains("<zielony>"), "HTML escapes what the shop typed")
        #expect(message.html.contains("Kubki &amp; Co") && message.html.contains("#0a7d55") && message.html.contains("pomoc@kubki.example"))
        #expect(message.html.contains(#"href="https://parley.example/t/ord_1?s=abc""#))
        #expect(message.sms == "Kubki & Co: zamówienie #9999 jest w drodze (InPost). Śledź: https://parley.example/t/ord_1?s=abc")
        #expect(message.smsSegments.encoding == .ucs2 && message.smsSegments.count == 2)
    }

    @Test(
        "each shipped language says it in its own words",
        arguments: [
            ("el-GR", "Η παραγγελία #9999 είναι καθ' οδόν"), ("ru", "Заказ #9999 отправлен"), ("hi-IN", "ऑर्डर #9999 भेज दिया गया है"),
            ("en-GB", "Order #9999 is on its way"),
        ])
    func languages(locale: String, subject: String) async throws {
        #expect(try await OrderMessageTemplates().render(Self.input(locale: locale)).subject == subject)
    }

    @Test("a parcel sent without a carrier's name reads naturally in every language")
    func noCarrier() async throws {
        let templates = try await OrderMessageTemplates()
        let expected = [
            "en": ("We handed order #9999 to the courier.", "Kubki & Co: order #9999 is on its way. Track:"),
            "pl": ("Przekazaliśmy zamówienie #9999 kurierowi.", "Kubki & Co: zamówienie #9999 jest w drodze. Śledź:"),
            "el": ("Παραδώσαμε την παραγγελία #9999 στη μεταφορική.", "Kubki & Co: η παραγγελία #9999 στάλθηκε. https:"),
            "ru": ("Мы передали заказ #9999 в службу доставки.", "Kubki & Co: заказ #9999 отправлен. https:"),
            "hi": ("हमने ऑर्डर #9999 कूरियर को सौंप दिया है।", "Kubki & Co: ऑर्डर #9999 भेजा गया। https:"),
        ]
        for (language, (body, sms)) in expected {
            var input = Self.input(locale: language)
            input.order.shipment = Shipment(carrier: nil, trackingNumber: "6200001", trackingURL: nil)
            let message = try templates.render(input)
            #expect(message.text.contains(body), "\(language)")
            #expect(message.sms.hasPrefix(sms), "\(language): \(message.sms)")
        }
    }

    @Test("an unknown language falls back to the shop's default, then English; no name, a plain greeting")
    func fallback() async throws {
        let templates = try await OrderMessageTemplates()
        #expect(try templates.render(Self.input(locale: "de-DE", shopDefault: "pl")).locale == "pl")
        #expect(try templates.render(Self.input(locale: nil, shopDefault: "fr")).locale == "en")
        #expect(try templates.render(Self.input(locale: "ru", name: nil)).text.contains("Здравствуйте!"))
    }

    @Test("every stage has words in every language", arguments: OrderStage.allCases)
    func complete(stage: OrderStage) async throws {
        let templates = try await OrderMessageTemplates()
        #expect(templates.languages == ["el", "en", "hi", "pl", "ru"])
        for language in templates.languages {
            let message = try templates.render(Self.input(locale: language, stage: stage))
            #expect(!message.subject.isEmpty && !message.sms.isEmpty && message.html.contains("<h1"), "\(language) \(stage)")
            #expect(!message.subject.contains("{{") && !message.text.contains("{{"), "\(language) \(stage)")
        }
    }
}
